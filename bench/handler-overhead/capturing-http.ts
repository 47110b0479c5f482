/**
 * Stands in for `#shared/http` in the benchmark's builds of the HTTP handlers (see harness-bundle.ts):
 * the same module, except that `httpRoute` also keeps the route's own logic, so that the benchmark can
 * call it bare, without the middleware around it.
 */
import * as http from '../../functions/shared/http';

export * from '../../functions/shared/http';

export interface CapturedRoute {
  readonly spec: http.RouteSpec<unknown, unknown, unknown>;
  readonly handle: (request: http.HttpRequest<unknown, unknown, unknown>) => Promise<http.HttpResponse>;
}

export const capturedRoutes: CapturedRoute[] = [];

/** The unchanged `httpRoute`, to wrap a stand-in for a route's logic with the same middleware. */
export const wrapRoute = http.httpRoute;

export const httpRoute = ((spec: CapturedRoute['spec'], handle: CapturedRoute['handle']) => {
  capturedRoutes.push({ spec, handle });
  return http.httpRoute(spec as never, handle as never);
}) as typeof http.httpRoute;
