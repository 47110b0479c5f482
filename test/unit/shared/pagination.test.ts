import { decodePageToken, encodePageToken, pageQuery } from '../../../functions/shared/pagination';
import { Problem } from '../../../functions/shared/problem';
import * as z from '../../../functions/shared/zod';

const keyShape = z.strictObject({ pk: z.string().check(z.startsWith('ORDER#')), userId: z.literal('ann') });

describe('page tokens', () => {
  it('round-trip a DynamoDB key, and there is no token after the last page', () => {
    const key = { pk: 'ORDER#1', userId: 'ann' };
    expect(decodePageToken(encodePageToken(key), keyShape)).toEqual(key);
    expect(encodePageToken(undefined)).toBeUndefined();
    expect(decodePageToken(undefined, keyShape)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-token!!'],
    ['JSON of the wrong shape', Buffer.from('{"pk":"USER#1","userId":"ann"}').toString('base64url')],
    ["another user's key", encodePageToken({ pk: 'ORDER#1', userId: 'bob' })!],
    ['extra attributes', encodePageToken({ pk: 'ORDER#1', userId: 'ann', sk: 'x' })!],
  ])('turn %s into a 400 problem pointing at nextToken', (_case, token) => {
    let thrown: unknown;
    try {
      decodePageToken(token, keyShape);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect(thrown).toMatchObject({ status: 400, errors: [{ pointer: '#/nextToken' }] });
  });
});

describe('page query parameters', () => {
  const query = pageQuery(100, 20);

  it('default the page size', () => expect(query.parse({})).toEqual({ limit: 20 }));

  it.each([['0'], ['101'], ['2.5'], ['ten']])('refuse limit=%s', (limit) => expect(query.safeParse({ limit }).success).toBe(false));

  it('refuse unknown parameters', () => expect(query.safeParse({ page: '2' }).success).toBe(false));
});
