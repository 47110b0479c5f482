import { badRequest } from './problem';
import * as z from './zod';

/**
 * Opaque page tokens: a DynamoDB LastEvaluatedKey, base64url-encoded JSON. A token is checked against
 * the exact key shape of its listing before it reaches DynamoDB, so a tampered or foreign token is a
 * 400, never a 500 and never another caller's page.
 */
export const encodePageToken = (lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined =>
  lastEvaluatedKey && Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');

export const decodePageToken = <S extends z.ZodMiniType>(token: string | undefined, keySchema: S): z.infer<S> | undefined => {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const key = keySchema.safeParse(decoded);
  if (!key.success) throw invalidToken();
  return key.data;
};

const invalidToken = () =>
  badRequest('The nextToken is not one this listing issued.', [{ detail: 'Not a valid page token.', pointer: '#/nextToken' }]);

/** Query parameters every paginated listing takes. */
export const pageQuery = (maxLimit: number, defaultLimit: number) =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(maxLimit)), defaultLimit),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  });
