import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type AccessDecision =
  | { readonly kind: 'allow' }
  /** The token came in the URL: keep it in a cookie, and load the URL again without it. */
  | { readonly kind: 'redirect'; readonly location: string; readonly cookie: string }
  | { readonly kind: 'refuse'; readonly status: 401 | 403; readonly reason: string };

export interface ConsoleRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

const sameSecret = (given: string | undefined, token: string) => {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieValue = (header: string | undefined, name: string) =>
  header
    ?.split(/;\s*/)
    .map((pair) => pair.split('='))
    .find(([key]) => key === name)?.[1];

const stateChanging = (method: string) => method !== 'GET' && method !== 'HEAD';

/**
 * Who may use the console (decision 0065): only a page of the console itself, in a browser that was
 * given the token printed at start-up, or a tool that sends the token. Other web pages cannot read it or
 * drive it, even on this machine:
 * - the `Host` must be the console's own (`127.0.0.1:<port>` or `localhost:<port>`): a page of another
 *   site whose name resolves to 127.0.0.1 (DNS rebinding) is refused;
 * - a request from another origin (`Origin`, `Sec-Fetch-Site`) is refused;
 * - the token comes in the URL once (`?token=`), then in an HttpOnly, SameSite=Strict cookie, or as
 *   `Authorization: Bearer <token>`; anything else gets 401;
 * - a state-changing request authorized by the cookie must say it comes from the console's origin.
 */
export const checkAccess = (request: ConsoleRequest, settings: { token: string; port: number }): AccessDecision => {
  const { headers } = request;
  const host = headers.host ?? '';
  if (host !== `127.0.0.1:${settings.port}` && host !== `localhost:${settings.port}`) {
    return { kind: 'refuse', status: 403, reason: `The console answers to http://127.0.0.1:${settings.port} only, not to ${host || 'a request without Host'}.` };
  }
  const origin = headers.origin;
  if ((origin !== undefined && origin !== `http://${host}`) || headers['sec-fetch-site'] === 'cross-site' || headers['sec-fetch-site'] === 'same-site') {
    return { kind: 'refuse', status: 403, reason: 'Requests from other web pages are refused.' };
  }
  const cookieName = consoleCookieName(settings.port);
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  if (sameSecret(bearer, settings.token)) return { kind: 'allow' };
  if (sameSecret(cookieValue(headers.cookie, cookieName), settings.token)) {
    if (stateChanging(request.method) && origin === undefined) return { kind: 'refuse', status: 403, reason: 'A change must come from the console page itself (no Origin header).' };
    return { kind: 'allow' };
  }
  const url = new URL(request.url, `http://${host}`);
  if (!stateChanging(request.method) && sameSecret(url.searchParams.get('token') ?? undefined, settings.token)) {
    url.searchParams.delete('token');
    return {
      kind: 'redirect',
      location: `${url.pathname}${url.search}`,
      cookie: `${cookieName}=${settings.token}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  return { kind: 'refuse', status: 401, reason: 'Open the Console link printed at start-up: it carries the token this console needs.' };
};

/** Cookies do not tell ports apart: each console (one per running runtime) has its own name. */
export const consoleCookieName = (port: number) => `local-console-${port}`;
