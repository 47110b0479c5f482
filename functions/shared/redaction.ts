/*
 * Secrets must never reach a log line, whatever is logged: a request's headers, a message's body, an
 * error that quotes its input. The Logger passes every key and value it serializes through
 * `redactSecrets`; values under a sensitive key are replaced, and strings are scrubbed of bearer
 * tokens, JWTs and sensitive fields of embedded JSON (an API Gateway event's body, an SQS message's).
 */

export const redacted = '[REDACTED]';

/** Compared without case, dashes and underscores: `Authorization`, `payment_token`, `x-api-key`. */
const sensitiveKeys = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xapikey',
  'password',
  'newpassword',
  'passwordhash',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'paymenttoken',
  'privatekey',
  'secretstring',
]);

const normalized = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

const isSensitiveKey = (key: string): boolean => sensitiveKeys.has(normalized(key));

const bearerToken = /\b(Bearer\s+)[\w.~+/=-]+/gi;
const jsonWebToken = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** `"password":"..."` inside a string that holds JSON, with the key in any spelling the set above knows. */
const embeddedField = /("([\w-]+)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

export const scrubSecrets = (text: string): string =>
  text
    .replace(embeddedField, (field, prefix: string, key: string) => (isSensitiveKey(key) ? `${prefix}"${redacted}"` : field))
    .replace(bearerToken, `$1${redacted}`)
    .replace(jsonWebToken, redacted);

/** A JSON.stringify replacer: what the Logger writes goes through it, key by key. */
export const redactSecrets = (key: string, value: unknown): unknown => {
  if (key !== '' && isSensitiveKey(key) && value !== undefined && value !== null) return redacted;
  return typeof value === 'string' ? scrubSecrets(value) : value;
};
