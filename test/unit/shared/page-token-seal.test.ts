import { randomBytes } from 'node:crypto';
import { openPageToken, sealPageToken } from '../../../functions/shared/page-token-seal';
import { Problem } from '../../../functions/shared/problem';

const key = randomBytes(32);
const token = Buffer.from('{"pk":"ORDER#1"}').toString('base64url');

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('sealed page tokens', () => {
  it('open to the token sealed, for the listing they were sealed for', () => {
    expect(openPageToken(sealPageToken(token, key, 'orders/ann'), key, 'orders/ann')).toBe(token);
    expect(sealPageToken(undefined, key, 'orders/ann')).toBeUndefined();
    expect(openPageToken(undefined, key, 'orders/ann')).toBeUndefined();
  });

  it.each([
    ['a token sealed for another listing', () => openPageToken(sealPageToken(token, key, 'orders/ann'), key, 'orders/bob')],
    ['a token sealed under another key', () => openPageToken(sealPageToken(token, randomBytes(32), 'orders/ann'), key, 'orders/ann')],
    ['a token without its seal', () => openPageToken(token, key, 'orders/ann')],
    ['a token changed after it was sealed', () => openPageToken(sealPageToken(token, key, 'orders/ann')!.replace('ey', 'eZ'), key, 'orders/ann')],
  ])('refuse %s with a 400 problem pointing at nextToken', (_case, open) => {
    const thrown = refusal(open);
    expect(thrown).toBeInstanceOf(Problem);
    expect(thrown).toMatchObject({ status: 400, errors: [{ pointer: '#/nextToken' }] });
  });
});
