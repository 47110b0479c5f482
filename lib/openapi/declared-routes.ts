import type { DescMethod } from '@bufbuild/protobuf';
import type { IConstruct } from 'constructs';
import type { RouteSpec } from '../../functions/shared/http';
import type * as z from '../../functions/shared/zod';
import { ServiceFunction } from '../constructs/service-function';
import { type RouteAccess, SharedHttpApi } from '../platform/shared-http-api';
import { ServiceStack } from '../services/service-stack';

/** One route of the app, with what its handler validates or speaks. */
export interface DeclaredRoute {
  /** `GET /orders/{orderId}`, as in the template's RouteKey. */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly access: RouteAccess;
  /** The service stack's `service` (`order`), or the stack's name. */
  readonly service: string;
  /** The function's construct id (`GetOrder`): the operation's id. */
  readonly functionId: string;
  readonly handler: { readonly routeSpec?: RouteSpec<z.ZodMiniType, z.ZodMiniType, z.ZodMiniType>; readonly rpcMethod?: DescMethod };
}

/**
 * Every route the app's stacks add to the shared HTTP API, found in the construct tree (no synthesis
 * needed), each with its handler module loaded: `httpRoute` and `rpcHandler` leave their schemas or
 * RPC method on the handler they return. A route added anywhere is found, with no list to keep.
 */
export const declaredRoutes = (root: IConstruct): DeclaredRoute[] =>
  root.node
    .findAll()
    .filter((construct): construct is SharedHttpApi => construct instanceof SharedHttpApi)
    .flatMap((api) =>
      api.routes.map((route) => {
        if (!(route.handler instanceof ServiceFunction)) throw new Error(`${route.method} ${route.path}: its handler is not a ServiceFunction`);
        const stack = ServiceStack.of(api);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the handler module named by the construct, loaded for its schemas
        const { handler } = require(route.handler.entry) as { handler: DeclaredRoute['handler'] };
        return {
          key: `${route.method} ${route.path}`,
          method: route.method,
          path: route.path,
          access: route.access,
          service: stack instanceof ServiceStack ? stack.service : stack.stackName,
          functionId: route.handler.node.id,
          handler,
        };
      }),
    );
