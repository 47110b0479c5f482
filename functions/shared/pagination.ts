import { badRequest } from './problem';
import * as z from './zod';

/**
 * Opaque page tokens: a DynamoDB LastEvaluatedKey, base64url-encoded JSON. The listing's handler seals
 * each one with the service's key (page-token-seal.ts), so a token it did not issue never gets here;
 * a token is still checked against the exact key shape of its listing before it reaches DynamoDB.
 */
export const encodePageToken = (lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined =>
  lastEvaluatedKey && Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');

export const decodePageToken = <S extends z.ZodMiniType>(token: string | undefined, keySchema: S): z.infer<S> | undefined => {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidPageToken();
  }
  const key = keySchema.safeParse(decoded);
  if (!key.success) throw invalidPageToken();
  return key.data;
};

export const invalidPageToken = () =>
  badRequest('The nextToken is not one this listing issued.', [{ detail: 'Not a valid page token.', pointer: '#/nextToken' }]);

/** Query parameters every paginated listing takes. */
export const pageQuery = (maxLimit: number, defaultLimit: number) =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(maxLimit)), defaultLimit),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  });
