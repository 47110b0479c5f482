import { httpRoute, json } from '../../../functions/shared/http';
import * as z from '../../../functions/shared/zod';
import { invoke } from '../../handlers/support/http-event';

const echo = httpRoute({ body: z.object({}) }, async () => json(200, {}));
const correlationIdFor = async (header?: string) =>
  (await invoke(echo, { method: 'POST', body: {}, headers: header === undefined ? {} : { 'x-correlation-id': header } })).headers['x-correlation-id'];

describe("the caller's correlation id", () => {
  it.each(['abc-123', 'checkout:42.retry_1', 'x'.repeat(128)])('is kept when it looks like an id: %s', async (id) => {
    expect(await correlationIdFor(id)).toBe(id);
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'drop table'],
    ['with a line break', 'a\nfake log line'],
    ['empty', ''],
  ])('is replaced by the request id when %s, since it travels into logs and messages', async (_case, id) => {
    const used = await correlationIdFor(id);
    expect(used).not.toBe(id);
    expect(used).toMatch(/^[0-9a-f-]{36}$/);
  });
});
