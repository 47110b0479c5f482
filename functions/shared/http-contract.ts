import * as z from './zod';

/*
 * What the HTTP API answers, route by route, for the OpenAPI document (lib/openapi). The requests are
 * not described here: the generator reads them from each handler's own schemas. This module and the
 * services' `http-contract.ts` are never imported by a handler, so no function carries them.
 */

/** How a route answers with one status. */
export interface ResponseContract {
  readonly description: string;
  /** The body: JSON of this schema, an RFC 9457 problem document, a Connect error (RPC calls), or a web page. */
  readonly body?: z.ZodMiniType | 'problem' | 'connect-error' | 'html';
  readonly example?: unknown;
  /** Response headers worth knowing (name: what it holds). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContract {
  readonly summary: string;
  readonly description?: string;
  /** An example of the JSON request body. */
  readonly requestExample?: unknown;
  /** Headers the route reads, besides Authorization. */
  readonly requestHeaders?: Readonly<Record<string, { readonly description: string; readonly schema: z.ZodMiniType }>>;
  /**
   * The answers the route's own code gives. The generator adds those that follow from the route's
   * schemas and access (400, 413, 415; 401 and 403 from the gateway) and, for an RPC call, its message.
   */
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

/** A service's routes by route key (`GET /orders/{orderId}`), as the CDK stacks declare them. */
export type HttpContract = Readonly<Record<string, RouteContract>>;

export const problem = (description: string): ResponseContract => ({ description, body: 'problem' });
export const connectError = (description: string): ResponseContract => ({ description, body: 'connect-error' });

/**
 * The schema of answers the code builds as `T`: it compiles only while `T` and the schema's output
 * are the same type, so a view function and its documentation cannot part ways.
 */
export const describing =
  <T>() =>
  <S extends z.ZodMiniType>(schema: S & ([T] extends [z.output<S>] ? ([z.output<S>] extends [T] ? unknown : 'the schema does not match the type') : 'the type does not match the schema')): S =>
    schema;

/** The body of every error the functions answer (`application/problem+json`). */
export const problemDocument = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ detail: z.string(), pointer: z.string() }).check(z.meta({ description: 'One invalid part of the request, as a JSON pointer (RFC 6901) into it.' })))),
  })
  .check(
    z.meta({
      id: 'Problem',
      description: 'RFC 9457 problem details. `errors` lists each invalid field of a 400.',
      examples: [{ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request body is not valid.', errors: [{ detail: 'Too small: expected number to be >=1', pointer: '#/lines/0/quantity' }] }],
    }),
  );

/** What API Gateway itself answers when it turns a request away (no or bad token, missing scope). */
export const gatewayMessage = z.object({ message: z.string() }).check(
  z.meta({ id: 'GatewayMessage', description: "API Gateway's own answer, before any function runs.", examples: [{ message: 'Unauthorized' }] }),
);

/** The Connect protocol's error body (https://connectrpc.com/docs/protocol#error-end-stream). */
export const connectErrorBody = z
  .object({
    code: z.enum([
      'canceled', 'unknown', 'invalid_argument', 'deadline_exceeded', 'not_found', 'already_exists', 'permission_denied', 'resource_exhausted',
      'failed_precondition', 'aborted', 'out_of_range', 'unimplemented', 'internal', 'unavailable', 'data_loss', 'unauthenticated',
    ]),
    message: z.optional(z.string()),
    details: z.optional(z.array(z.object({ type: z.string(), value: z.string(), debug: z.optional(z.unknown()) }))),
  })
  .check(z.meta({ id: 'ConnectError', description: 'A Connect error: its code, and the words a REST answer would have.', examples: [{ code: 'not_found', message: 'There is no order 7d1c5b1e-0000-4000-8000-000000000000.' }] }));
