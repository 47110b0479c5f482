import { redactSecrets, redacted, scrubSecrets } from '../../../functions/shared/redaction';

const serialized = (value: unknown) => JSON.parse(JSON.stringify(value, redactSecrets));
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';

describe('redacting secrets from what is logged', () => {
  it('replaces the values of sensitive keys, in any spelling and at any depth', () => {
    expect(
      serialized({
        headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'k', cookie: 'session=1' },
        body: { password: 'p', payment_token: 't', accessToken: 'a', nested: [{ paymentToken: 't2' }] },
        tokenType: 'Bearer',
        expiresIn: 3600,
      }),
    ).toEqual({
      headers: { Authorization: redacted, 'x-api-key': redacted, cookie: redacted },
      body: { password: redacted, payment_token: redacted, accessToken: redacted, nested: [{ paymentToken: redacted }] },
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
  });

  it('scrubs bearer tokens and JWTs from any text', () => {
    expect(scrubSecrets(`authorization: Bearer abc.def-ghi_jkl and then ${jwt}.`)).toBe(`authorization: Bearer ${redacted} and then ${redacted}.`);
  });

  it('scrubs sensitive fields of JSON held in a string, such as a request or message body', () => {
    const body = JSON.stringify({ email: 'ann@example.com', password: 'correct "horse" battery', lines: [], paymentToken: 'tok_visa' });
    expect(JSON.parse(scrubSecrets(body))).toEqual({ email: 'ann@example.com', password: redacted, lines: [], paymentToken: redacted });
  });

  it('leaves everything else as it is', () => {
    const entry = { orderId: 'f04156ae-1395-4b04-a7db-ab5425d1b42e', status: 'CONFIRMED', message: 'Order advanced', count: 2, tokenType: 'Bearer' };
    expect(serialized(entry)).toEqual(entry);
  });
});
