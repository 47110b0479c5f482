import { type CancelPayment, cancelPayment, type CapturePayment, capturePayment } from '#shared/contracts/payment';
import { commitStock, releaseStock, reserveStock, type StockRequest } from '#shared/contracts/stock';
import * as z from '#shared/zod';
import type { OutgoingMessage } from './domain/order';
import { messagingSettings } from './settings';
import { outboxSortKeyPrefix } from './table-layout';

/** The receivers' contracts, less the reply address that the publisher adds. */
const outgoingMessage = z.discriminatedUnion('type', [
  z.omit(reserveStock, { replyTo: true }),
  z.omit(capturePayment, { replyTo: true, deferrals: true }),
  releaseStock,
  commitStock,
  z.omit(cancelPayment, { deferrals: true }),
]);

/** An outbox item as the table's stream shows it. */
export const outboxItem = z.object({ pk: z.string(), sk: z.string(), message: outgoingMessage, correlationId: z.string().check(z.minLength(1)) });

export const isOutboxItem = (image: Record<string, unknown> | undefined) =>
  typeof image?.sk === 'string' && image.sk.startsWith(outboxSortKeyPrefix);

/** Where a message goes; reservation and payment requests name the Order service's queue for the answer. */
export const deliveryOf = (message: OutgoingMessage): { queueUrl: string; body: StockRequest | CapturePayment | CancelPayment } => {
  const queues = messagingSettings();
  switch (message.type) {
    case 'ReserveStock':
      return { queueUrl: queues.stockRequestsQueueUrl, body: { ...message, replyTo: queues.stockResultsQueueUrl } };
    case 'CapturePayment':
      return { queueUrl: queues.paymentRequestsQueueUrl, body: { ...message, replyTo: queues.paymentResultsQueueUrl } };
    case 'ReleaseStock':
    case 'CommitStock':
      return { queueUrl: queues.stockRequestsQueueUrl, body: message };
    case 'CancelPayment':
      return { queueUrl: queues.paymentRequestsQueueUrl, body: message };
  }
};
