import { httpRoute, json } from '../../../functions/shared/http';
import { conflict } from '../../../functions/shared/problem';
import * as z from '../../../functions/shared/zod';
import { invoke } from '../../handlers/support/http-event';

const echo = httpRoute(
  {
    body: z.strictObject({ quantity: z.number().check(z.int(), z.minimum(1)), note: z.optional(z.string()) }),
    query: z.object({ limit: z.optional(z.coerce.number().check(z.int(), z.maximum(50))) }),
    maxBodyBytes: 64,
  },
  async ({ body, query }) => json(200, { body, query }),
);

const failing = (error: Error) => httpRoute({}, async () => Promise.reject(error));

const problemOf = async (response: Awaited<ReturnType<typeof invoke>>) => {
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body).toMatchObject({ type: 'about:blank', status: response.status, title: expect.any(String) });
  return response.body;
};

describe('the shared HTTP middleware', () => {
  it('passes a valid body and query to the route', async () => {
    const response = await invoke(echo, { method: 'POST', body: { quantity: 2 }, queryStringParameters: { limit: '10' } });
    expect(response).toMatchObject({ status: 200, body: { body: { quantity: 2 }, query: { limit: 10 } } });
  });

  it('echoes a correlation id from the caller, or makes one from the request id', async () => {
    const given = await invoke(echo, { method: 'POST', body: { quantity: 1 }, headers: { 'x-correlation-id': 'abc-123' } });
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const made = await invoke(echo, { method: 'POST', rawBody: '{' });
    expect(made.headers['x-correlation-id']).toEqual(expect.any(String));
  });

  it.each([
    ['malformed JSON', { rawBody: '{"quantity": 1' }, 400],
    ['an empty body', { rawBody: '' }, 400],
    ['JSON that is not an object', { rawBody: '[1,2]' }, 400],
    ['a wrong type', { body: { quantity: 'two' } }, 400],
    ['an unknown field', { body: { quantity: 1, admin: true } }, 400],
    ['a body over the limit', { body: { quantity: 1, note: 'x'.repeat(100) } }, 413],
    ['a wrong content type', { rawBody: 'quantity=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
    ['no content type', { rawBody: '{"quantity":1}', headers: { 'content-type': '' } }, 415],
    ['an invalid query parameter', { body: { quantity: 1 }, queryStringParameters: { limit: 'many' } }, 400],
  ])('answers %s with a %i problem', async (_case, request, status) => {
    const response = await invoke(echo, { method: 'POST', ...request });
    expect(response.status).toBe(status);
    await problemOf(response);
  });

  it('points each validation error at its field', async () => {
    const response = await invoke(echo, { method: 'POST', body: { quantity: 0, note: 7 } });
    const problem = await problemOf(response);
    expect(problem.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['#/note', '#/quantity']);
  });

  it('points at each unknown field by name', async () => {
    const response = await invoke(echo, { method: 'POST', body: { quantity: 1, admin: true, 'a/b': 1 } });
    const problem = await problemOf(response);
    expect(problem.errors).toEqual([
      { detail: 'Unknown field "admin".', pointer: '#/admin' },
      { detail: 'Unknown field "a/b".', pointer: '#/a~1b' },
    ]);
  });

  it('accepts a JSON media type with parameters or a +json suffix', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await invoke(echo, { method: 'POST', rawBody: '{"quantity":1}', headers: { 'content-type': contentType } });
      expect(response.status).toBe(200);
    }
  });

  it('renders a Problem thrown by the route as is', async () => {
    const response = await invoke(failing(conflict('Already there.')));
    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toBe('Already there.');
  });

  it('never shows the caller what an unexpected error says', async () => {
    const response = await invoke(failing(new Error('secret table name and stack trace')));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await problemOf(response))).not.toContain('secret');
  });
});
