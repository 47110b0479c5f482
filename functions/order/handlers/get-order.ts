import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { orderIdPath } from '#shared/schemas';
import { ownOrder } from '../own-orders';

export const handler = httpRoute({ path: orderIdPath }, async ({ path, event }) => json(200, await ownOrder(callerOf(event).userId, path.orderId)));
