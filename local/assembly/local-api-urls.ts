import type { StackArtifact } from './cloud-assembly';
import { localApiId } from './local-identities';

/** APIs, whose ids name them in URLs: HTTP APIs and REST APIs. */
export const apiTypes = ['AWS::ApiGatewayV2::Api', 'AWS::ApiGateway::RestApi'];

const executeApiHost = /(https?:\/\/)?([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/g;

/**
 * Rewrites a URL an app builds from an API's id (`https://<id>.execute-api.<region>.amazonaws.com/prod/`,
 * as the CDK's `RestApi.url` does) to the local server of that API (`http://localhost:<port>/prod/`); a
 * host name alone becomes `localhost:<port>`. Ids of no API of the app are left as they are.
 */
export const localizeApiUrls = (stacks: readonly StackArtifact[], urlOf: (key: string) => string): ((value: string) => string) => {
  const urls = new Map<string, string>();
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (apiTypes.includes(resource.Type)) urls.set(localApiId(stack.name, logicalId), urlOf(`${stack.name}/${logicalId}`));
    }
  }
  return (value) =>
    value.replace(executeApiHost, (whole, scheme: string | undefined, apiId: string) => {
      const url = urls.get(apiId);
      if (!url) return whole;
      return scheme ? url : url.replace(/^https?:\/\//, '');
    });
};
