import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { callerOf } from '#shared/caller';
import { UserService } from '#shared/gen/shop/v1/user_pb';
import { validate } from '#shared/http';
import { rpcHandler } from '#shared/rpc/rpc-handler';
import * as z from '#shared/zod';
import { userVisibleTo } from '../visible-user';

const userLookup = z.strictObject({ userId: z.uuid() });

/** shop.v1.UserService/GetUser: a profile as GET /users/me shows it, for the user themselves or an admin. */
export const handler = rpcHandler(UserService.method.getUser, async (request, { event }) => {
  const { userId } = validate(userLookup, { userId: request.userId }, 'message');
  const profile = await userVisibleTo(callerOf(event), userId);
  return { ...profile, roles: [...profile.roles], createdAt: timestampFromDate(new Date(profile.createdAt)) };
});
