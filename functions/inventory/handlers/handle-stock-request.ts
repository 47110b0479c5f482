import { queueConsumer } from '#shared/batch-consumer';
import { stockRequest } from '#shared/contracts/stock';
import { sendMessage } from '#shared/queue-messages';
import { reserveStock, settleReservation } from '../reservations';

/** Consumes the stock-requests queue: reservations (answered on their reply queue, unless withdrawn), releases and commits. */
export const handler = queueConsumer(stockRequest, async ({ payload: request, correlationId }) => {
  switch (request.type) {
    case 'ReserveStock': {
      const answer = await reserveStock(request);
      return answer && sendMessage(request.replyTo, answer, { correlationId });
    }
    case 'ReleaseStock':
      return settleReservation(request.orderId, 'RELEASED');
    case 'CommitStock':
      return settleReservation(request.orderId, 'COMMITTED');
  }
});
