import { streamConsumer } from '#shared/batch-consumer';
import { stockUpdate } from '#shared/contracts/inventory-updates';
import { applyStockUpdate } from '../stock-updates';

/** Consumes the inventory-updates stream, in order per SKU. */
export const handler = streamConsumer(stockUpdate, ({ payload }) => applyStockUpdate(payload));
