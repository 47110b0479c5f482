import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { inventoryPartitions } from '../../../functions/inventory/table-layout';
import { isFinal, type OrderStatus } from '../../../functions/order/domain/order';
import { paymentPartitions } from '../../../functions/payment/table-layout';
import { localCredentials } from '../../../local/lambda/environment-variables';

/** Where the shop's data is: the DynamoDB endpoint (the emulator, read as the local operator) and the tables' names. */
export interface ShopData {
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: readonly { readonly key: string; readonly name: string }[];
}

export interface AuditedOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly reason?: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly totalCents?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuditedPayment {
  readonly status: string;
  readonly amountCents?: number;
}

/** What the card processor (the simulator's books) did for an order: charged it, and refunded it or not. */
export interface Charge {
  readonly captured: boolean;
  readonly refunded: boolean;
}

/** The shop as its tables hold it: the ground truth an audit checks, whatever the API said meanwhile. */
export interface ShopState {
  readonly orders: AuditedOrder[];
  readonly stock: ReadonlyMap<string, { readonly available: number; readonly reserved: number }>;
  readonly payments: ReadonlyMap<string, AuditedPayment>;
  readonly charges: ReadonlyMap<string, Charge>;
}

const tableOf = (data: ShopData, service: string) => {
  const table = data.tables.find((candidate) => candidate.key.startsWith(`${service}/`));
  if (!table) throw new Error(`No table of ${service} in ${data.tables.map((candidate) => candidate.key).join(', ')}`);
  return table.name;
};

const scanAll = async (client: DynamoDBDocumentClient, tableName: string) => {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
  return items;
};

const withoutPrefix = (value: unknown, prefix: string) => (typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined);

/** Reads the orders of `userIds`, the stock of `skus`, and those orders' payments and charges at the processor, from the tables. */
export const readShopState = async (data: ShopData, scope: { userIds: ReadonlySet<string>; skus: readonly string[] }): Promise<ShopState> => {
  const base = new DynamoDBClient({ endpoint: data.dynamodbEndpoint, region: data.region, credentials: localCredentials });
  const client = DynamoDBDocumentClient.from(base);
  try {
    const [orderItems, inventoryItems, paymentItems] = await Promise.all([
      scanAll(client, tableOf(data, 'OrderService')),
      scanAll(client, tableOf(data, 'InventoryService')),
      scanAll(client, tableOf(data, 'PaymentService')),
    ]);
    const orders = orderItems
      .filter((item) => item.sk === 'ORDER' && scope.userIds.has(String(item.userId)))
      .map((item) => item as unknown as AuditedOrder);
    const stock = new Map(
      inventoryItems.flatMap((item) => {
        const sku = withoutPrefix(item.pk, inventoryPartitions.product);
        return sku !== undefined && item.sk === 'PRODUCT' && scope.skus.includes(sku) ? [[sku, { available: Number(item.available), reserved: Number(item.reserved) }] as const] : [];
      }),
    );
    const orderIds = new Set(orders.map((order) => order.orderId));
    const payments = new Map<string, AuditedPayment>();
    const charges = new Map<string, Charge>();
    for (const item of paymentItems) {
      const paidOrder = withoutPrefix(item.pk, paymentPartitions.payment);
      if (paidOrder !== undefined && orderIds.has(paidOrder)) payments.set(paidOrder, { status: String(item.status), amountCents: item.amountCents as number | undefined });
      const chargedOrder = withoutPrefix(item.pk, paymentPartitions.simulatedCharge);
      if (chargedOrder !== undefined && orderIds.has(chargedOrder)) {
        const outcome = item.outcome as { status?: string } | undefined;
        charges.set(chargedOrder, { captured: outcome?.status === 'captured', refunded: typeof item.refundReference === 'string' });
      }
    }
    return { orders, stock, payments, charges };
  } finally {
    base.destroy();
  }
};

export interface AuditExpectations {
  /** The units put in per SKU before the orders. */
  readonly stockPutIn: ReadonlyMap<string, number>;
  readonly orderTimeoutSeconds: number;
  /**
   * How long an order may outlive its deadline: a sweep period, or two, since a sweep can fail (its
   * environment killed, its calls failing) and the next one ends the order a period later.
   */
  readonly graceSeconds: number;
}

/**
 * The invariants of the shop, whatever failed on the way (issue 9):
 * - every order is final, by its deadline and the grace of a sweep;
 * - per SKU, available + reserved + the units of CONFIRMED orders = the stock put in, nothing reserved;
 * - every CONFIRMED order has one CAPTURED payment of its total, and the processor holds that charge;
 * - no other order has a CAPTURED payment, nor a charge the processor kept (a refunded one is fine).
 * Answers the violations, one line each (none: all hold).
 */
export const auditShop = (state: ShopState, expected: AuditExpectations): string[] => {
  const violations: string[] = [];
  const latestEndMs = (order: AuditedOrder) => Date.parse(order.createdAt) + (expected.orderTimeoutSeconds + expected.graceSeconds) * 1000;
  const confirmedUnits = new Map<string, number>();
  for (const order of state.orders) {
    const payment = state.payments.get(order.orderId);
    const charge = state.charges.get(order.orderId);
    const kept = charge?.captured === true && !charge.refunded;
    if (!isFinal(order.status)) violations.push(`order ${order.orderId} is still ${order.status}`);
    else if (Date.parse(order.updatedAt) > latestEndMs(order)) {
      violations.push(`order ${order.orderId} ended ${order.status} at ${order.updatedAt}, past its deadline and ${expected.graceSeconds} s of grace (placed ${order.createdAt})`);
    }
    if (order.status === 'CONFIRMED') {
      for (const line of order.lines) confirmedUnits.set(line.sku, (confirmedUnits.get(line.sku) ?? 0) + line.quantity);
      if (payment?.status !== 'CAPTURED' || payment.amountCents !== order.totalCents) {
        violations.push(`CONFIRMED order ${order.orderId} (total ${order.totalCents}) has payment ${JSON.stringify(payment)}`);
      }
      if (!kept) violations.push(`CONFIRMED order ${order.orderId}: the processor holds no charge (${JSON.stringify(charge)})`);
    } else {
      if (payment?.status === 'CAPTURED') violations.push(`${order.status} order ${order.orderId} has a CAPTURED payment`);
      if (kept) violations.push(`${order.status} order ${order.orderId}: the processor kept its charge`);
    }
  }
  for (const [sku, putIn] of expected.stockPutIn) {
    const stock = state.stock.get(sku);
    if (!stock) {
      violations.push(`${sku} is gone`);
      continue;
    }
    const confirmed = confirmedUnits.get(sku) ?? 0;
    if (stock.available + stock.reserved + confirmed !== putIn) {
      violations.push(`${sku}: ${stock.available} available + ${stock.reserved} reserved + ${confirmed} confirmed ≠ ${putIn} put in`);
    }
    if (stock.reserved !== 0) violations.push(`${sku}: ${stock.reserved} units still reserved`);
  }
  return violations;
};

/** Orders per final status (and any other status they are in). */
export const ordersByStatus = (orders: readonly AuditedOrder[]): Record<string, number> =>
  orders.reduce<Record<string, number>>((counts, order) => ({ ...counts, [order.status]: (counts[order.status] ?? 0) + 1 }), {});
