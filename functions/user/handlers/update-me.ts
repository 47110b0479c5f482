import { z } from 'zod';
import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { profileOf } from '../profile';
import { users } from '../users';

const profileUpdate = z.object({ name: z.string().trim().min(1, 'A name is required.').max(100) }).strict();

export const handler = httpRoute({ body: profileUpdate }, async ({ body, event }) =>
  json(200, profileOf(await users().rename(callerOf(event).userId, body.name))),
);
