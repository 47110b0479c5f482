import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { profileOf } from '../profile';
import { users } from '../users';

export const handler = httpRoute({}, async ({ event }) =>
  json(200, profileOf(await users().get(callerOf(event).userId))),
);
