import { queueConsumer } from '#shared/batch-consumer';
import { stockResult } from '#shared/contracts/stock';
import { applyStockResult } from '../saga';

/** Consumes the stock-results queue: Inventory's answers to reservation requests. */
export const handler = queueConsumer(stockResult, ({ payload }) => applyStockResult(payload));
