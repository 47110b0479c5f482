import { DeleteRouteSettingsCommand, GetStageCommand, NotFoundException, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { apiGatewayClient } from '#shared/clients';
import { observability } from '#shared/observability';
import { logger } from '#shared/powertools';
import { type RouteThrottlingProperties, routesNoLongerThrottled, withThrottledRoutes } from '../route-settings';

/*
 * A CloudFormation custom resource that throttles some routes of the shared HTTP API at its stage. The
 * stage belongs to the platform stack and is created before any route exists, and API Gateway refuses
 * route settings for routes it does not have: so the stack that owns the routes sets them, after them.
 */

const apply = async (properties: RouteThrottlingProperties) => {
  const client = apiGatewayClient();
  const stage = await client.send(new GetStageCommand({ ApiId: properties.ApiId, StageName: properties.StageName }));
  await client.send(
    new UpdateStageCommand({
      ApiId: properties.ApiId,
      StageName: properties.StageName,
      RouteSettings: withThrottledRoutes(stage.RouteSettings ?? {}, properties),
    }),
  );
};

const remove = async (properties: RouteThrottlingProperties, routeKeys: string[]) => {
  for (const RouteKey of routeKeys) {
    try {
      await apiGatewayClient().send(new DeleteRouteSettingsCommand({ ApiId: properties.ApiId, StageName: properties.StageName, RouteKey }));
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
    }
  }
};

const handle = async (event: CloudFormationCustomResourceEvent) => {
  const properties = event.ResourceProperties as unknown as RouteThrottlingProperties;
  if (event.RequestType === 'Delete') return remove(properties, properties.RouteKeys);
  await apply(properties);
  if (event.RequestType === 'Update') {
    await remove(properties, routesNoLongerThrottled(event.OldResourceProperties as unknown as RouteThrottlingProperties, properties));
  }
};

/** Answers CloudFormation at the URL it gave; without an answer, the stack would wait for an hour. */
const respond = async (event: CloudFormationCustomResourceEvent, failure?: Error) => {
  const properties = event.ResourceProperties as unknown as RouteThrottlingProperties;
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    body: JSON.stringify({
      Status: failure ? 'FAILED' : 'SUCCESS',
      Reason: failure ? `${failure.name}: ${failure.message}` : 'Route throttling applied',
      PhysicalResourceId: `${properties.ApiId}/${properties.StageName}/route-throttling`,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  });
  if (!response.ok) throw new Error(`CloudFormation did not take the response: HTTP ${response.status}`);
};

export const handler = middy(async (event: CloudFormationCustomResourceEvent) => {
  try {
    await handle(event);
  } catch (error) {
    logger.error('Could not apply the route throttling', error as Error);
    return respond(event, error as Error);
  }
  logger.info('Route throttling applied', { requestType: event.RequestType });
  return respond(event);
}).use(observability());
