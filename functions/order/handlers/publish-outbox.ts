import { tableStreamConsumer } from '#shared/batch-consumer';
import { logger } from '#shared/powertools';
import { sendMessage } from '#shared/queue-messages';
import { deliveryOf, isOutboxItem, outboxItem } from '../outbox';
import { forgetPaymentToken } from '../outbox-redaction';

/**
 * The transactional outbox's publisher: sends each message the Orders table's stream shows being
 * written to the outbox, at least once, then takes the payment token out of what it sent. Every other
 * change to the table (that one included) is not a message.
 */
export const handler = tableStreamConsumer(async ({ payload: change, correlationId }) => {
  if (change.eventName !== 'INSERT' || !isOutboxItem(change.newImage)) return;
  const { pk, sk, message } = outboxItem.parse(change.newImage);
  const { queueUrl, body } = deliveryOf(message);
  await sendMessage(queueUrl, body, { correlationId });
  if (message.type === 'CapturePayment') await forgetPaymentToken({ pk, sk });
  logger.info('Published', { orderId: message.orderId, type: message.type });
});
