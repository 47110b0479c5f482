import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { requiredName } from '#shared/schemas';
import * as z from '#shared/zod';
import { profileOf } from '../profile';
import { users } from '../users';

const profileUpdate = z.strictObject({ name: requiredName(100) });

export const handler = httpRoute({ body: profileUpdate }, async ({ body, event }) =>
  json(200, profileOf(await users().rename(callerOf(event).userId, body.name))),
);
