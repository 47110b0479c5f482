import { handler as handleStockRequest } from '../../../functions/inventory/handlers/handle-stock-request';
import { handler as handlePaymentResult } from '../../../functions/order/handlers/handle-payment-result';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as publishOutbox } from '../../../functions/order/handlers/publish-outbox';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { lambdaContext } from './http-event';
import { deliver } from './queues';
import type { SagaServices } from './saga-services';
import { TableStreamReader } from './streams';

/**
 * The three services' real handlers wired together through real queues and the Orders table's
 * stream, in one process: each round delivers what every queue holds to its consumer, as Lambda's
 * pollers would, until nothing moves any more.
 */
export const sagaDriver = (services: SagaServices) => {
  const outbox = new TableStreamReader(services.tables.orders);
  return {
    async runUntilQuiet(): Promise<void> {
      for (let round = 0; round < 20; round++) {
        const changes = await outbox.nextEvent();
        if (changes.Records.length > 0) expect(await publishOutbox(changes, lambdaContext())).toEqual({ batchItemFailures: [] });
        const moved = await Promise.all([
          deliver(handleStockRequest, services.queues.stockRequests),
          deliver(handleStockResult, services.queues.stockResults),
          deliver(handlePaymentRequest, services.queues.paymentRequests),
          deliver(handlePaymentResult, services.queues.paymentResults),
        ]);
        for (const { failed } of moved) expect(failed).toEqual([]);
        if (changes.Records.length === 0 && moved.every(({ delivered }) => delivered === 0)) return;
      }
      throw new Error('The saga did not come to rest in 20 rounds');
    },
  };
};
