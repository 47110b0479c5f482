import { connectError, describing, type HttpContract, problem } from '#shared/http-contract';
import * as z from '#shared/zod';
import { orderStatuses } from './domain/order';
import { idempotencyKeyPattern } from './order-request';
import type { viewOf } from './order-view';
import type { ownOrders } from './own-orders';

/** What the Order service answers, for the OpenAPI document. */

const exampleOrder = {
  orderId: '0f8a7c4e-3b2d-4c1a-9e8f-2a6b5c4d3e21',
  status: 'CONFIRMED',
  lines: [{ sku: 'MUG-001', quantity: 2, priceCents: 1250 }],
  totalCents: 2500,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:01.200Z',
};

const orderView = describing<ReturnType<typeof viewOf>>()(
  z
    .object({
      orderId: z.uuid(),
      status: z.enum(orderStatuses),
      lines: z.array(z.object({ sku: z.string(), quantity: z.int(), priceCents: z.optional(z.int()) })),
      totalCents: z.optional(z.int()),
      reason: z.optional(z.string()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
    })
    .check(
      z.meta({
        id: 'Order',
        description: 'An order as its owner sees it. `priceCents` and `totalCents` appear once the stock is reserved; `reason` says why it was rejected or its payment failed.',
      }),
    ),
);

const orderPage = describing<Awaited<ReturnType<typeof ownOrders>>>()(
  z.object({ items: z.array(orderView), nextToken: z.optional(z.string()) }).check(z.meta({ id: 'OrderPage', description: 'A page of orders, newest first; `nextToken` asks for the next.' })),
);

const acceptedOrder = z.object({ orderId: z.uuid(), status: z.literal('PENDING') });

const notFound = problem('No such order, or not the caller’s: both answer alike.');

export const orderContract: HttpContract = {
  'POST /orders': {
    summary: 'Place an order',
    description: 'The order starts PENDING; the saga reserves the stock, charges the payment and settles it CONFIRMED, REJECTED or PAYMENT_FAILED.',
    requestExample: { lines: [{ sku: 'MUG-001', quantity: 2 }], paymentToken: 'tok_visa' },
    requestHeaders: {
      'Idempotency-Key': {
        description: 'The same key from the same user gives the same order, even when requests race; with another request it is a 422.',
        schema: z.string().check(z.regex(idempotencyKeyPattern)),
      },
    },
    responses: {
      202: {
        description: 'Accepted: the order is placed and on its way.',
        body: acceptedOrder,
        example: { orderId: exampleOrder.orderId, status: 'PENDING' },
        headers: { Location: 'The order’s URL.', 'Idempotent-Replayed': '`true` when the Idempotency-Key had placed this order before.' },
      },
      422: problem('The Idempotency-Key was used with a different request.'),
    },
  },
  'GET /orders/{orderId}': {
    summary: 'One of the caller’s orders',
    responses: { 200: { description: 'The order.', body: orderView, example: exampleOrder }, 404: notFound },
  },
  'GET /orders': {
    summary: 'The caller’s orders, newest first',
    responses: { 200: { description: 'A page of orders.', body: orderPage, example: { items: [exampleOrder] } } },
  },
  'POST /shop.v1.OrderService/GetOrder': {
    summary: 'GetOrder (RPC): one of the caller’s orders',
    requestExample: { orderId: exampleOrder.orderId },
    responses: {
      200: {
        description: 'The order.',
        example: { ...exampleOrder, status: 'ORDER_STATUS_CONFIRMED', lines: [{ sku: 'MUG-001', quantity: 2, priceCents: '1250' }], totalCents: '2500' },
      },
      404: connectError('`not_found`: no such order, or not the caller’s.'),
    },
  },
  'POST /shop.v1.OrderService/PlaceOrder': {
    summary: 'PlaceOrder (RPC): place an order',
    requestExample: { lines: [{ sku: 'MUG-001', quantity: 2 }], paymentToken: 'tok_visa', idempotencyKey: 'first-mug' },
    responses: {
      200: { description: 'The order is placed (PENDING) and on its way.', example: { orderId: exampleOrder.orderId, status: 'ORDER_STATUS_PENDING' } },
    },
  },
  'POST /shop.v1.OrderService/ListOrders': {
    summary: 'ListOrders (RPC): the caller’s orders, newest first',
    requestExample: { pageSize: 10 },
    responses: { 200: { description: 'A page of orders.', example: { orders: [{ orderId: exampleOrder.orderId, status: 'ORDER_STATUS_PENDING' }] } } },
  },
};
