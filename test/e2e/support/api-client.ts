import createClient from 'openapi-fetch';
import type { paths } from './api-types';
import { contractFetch } from './openapi-contract';
import { apiUrl } from './target';

/**
 * The API as a client typed from docs/openapi.json (openapi-typescript, openapi-fetch): paths,
 * parameters, bodies and answers are checked by the compiler, and every answer against the document.
 */
export const api = (token?: string) =>
  createClient<paths>({ baseUrl: apiUrl(), fetch: contractFetch, headers: token ? { authorization: `Bearer ${token}` } : {} });

/** An answer's JSON body when its status is the expected one; anything else fails with what came instead. */
export const expectStatus = async <T>(expected: number, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  const { data, error, response } = await call;
  if (response.status !== expected) throw new Error(`${response.url} answered ${response.status}, not ${expected}: ${JSON.stringify(error ?? data)}`);
  return data as T;
};
