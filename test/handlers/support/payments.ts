import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { invoke } from './http-event';
import { takeBodies } from './queues';
import { customer } from './saga-services';

/** `GET /payments/{orderId}` as the order's owner sees it. */
export const paymentViewOf = async (orderId: string, userId = 'payer') =>
  (await invoke(getPayment, { pathParameters: { orderId }, claims: customer(userId) })).body;

/** The answers about one order waiting on a results queue now (taken off it, with the others). */
export const answersFor = async (resultsQueueUrl: string, orderId: string) =>
  (await takeBodies(resultsQueueUrl, 0)).map(({ body }) => body).filter((body) => body.orderId === orderId);
