import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { orderListing, ownOrders } from '../own-orders';

/** The caller's orders, newest first. */
export const handler = httpRoute({ query: orderListing }, async ({ query, event }) => json(200, await ownOrders(callerOf(event).userId, query)));
