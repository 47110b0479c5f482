import { handler as handleStockRequest } from '../../../functions/inventory/handlers/handle-stock-request';
import { handler as handlePaymentResult } from '../../../functions/order/handlers/handle-payment-result';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as publishOutbox } from '../../../functions/order/handlers/publish-outbox';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { lambdaContext } from './http-event';
import { deliver } from './queues';
import type { SagaServices } from './saga-services';
import { TableStreamReader } from './streams';

type SagaQueue = keyof SagaServices['queues'];

const consumers: Record<SagaQueue, unknown> = {
  stockRequests: handleStockRequest,
  stockResults: handleStockResult,
  paymentRequests: handlePaymentRequest,
  paymentResults: handlePaymentResult,
};

/**
 * The three services' real handlers wired together through real queues and the Orders table's
 * stream, in one process: each round delivers what every queue holds to its consumer, as Lambda's
 * pollers would, until nothing moves any more. Queues named in `withhold` are not delivered: their
 * messages stay there, as if stuck (a test takes them, to lose them or to deliver them late).
 */
export const sagaDriver = (services: SagaServices) => {
  const outbox = new TableStreamReader(services.tables.orders);
  return {
    async runUntilQuiet(options: { withhold?: readonly SagaQueue[] } = {}): Promise<void> {
      const flowing = (Object.keys(consumers) as SagaQueue[]).filter((queue) => !options.withhold?.includes(queue));
      for (let round = 0; round < 20; round++) {
        const changes = await outbox.nextEvent();
        if (changes.Records.length > 0) expect(await publishOutbox(changes, lambdaContext())).toEqual({ batchItemFailures: [] });
        const moved = await Promise.all(flowing.map((queue) => deliver(consumers[queue], services.queues[queue])));
        for (const { failed } of moved) expect(failed).toEqual([]);
        if (changes.Records.length === 0 && moved.every(({ delivered }) => delivered === 0)) return;
      }
      throw new Error('The saga did not come to rest in 20 rounds');
    },
  };
};
