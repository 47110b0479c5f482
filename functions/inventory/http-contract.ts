import { reservationRejections } from '#shared/contracts/stock';
import { describing, type HttpContract, problem } from '#shared/http-contract';
import * as z from '#shared/zod';
import type { listingOf, Product } from './domain/product';
import type { RecordedStockUpdate } from './domain/stock-update';

/** What the Inventory service answers, for the OpenAPI document. */

const exampleProduct = { sku: 'MUG-001', name: 'Mug', priceCents: 1250, available: 5, reserved: 2 };

const product = describing<Product>()(
  z
    .object({ sku: z.string(), name: z.string(), priceCents: z.int(), available: z.int(), reserved: z.int() })
    .check(z.meta({ id: 'Product', description: 'A product with its stock: `available` can be sold now, `reserved` is held for orders not yet paid.' })),
);

const listing = describing<ReturnType<typeof listingOf>>()(z.object({ sku: z.string(), name: z.string(), priceCents: z.int(), available: z.int() }));

const productPage = z.object({ items: z.array(listing), nextToken: z.optional(z.string()) }).check(z.meta({ id: 'ProductPage' }));

const stockUpdateFields = {
  updateId: z.uuid(),
  sku: z.string(),
  delta: z.int(),
  reason: z.string(),
  source: z.string(),
  occurredAt: z.iso.datetime(),
  correlationId: z.optional(z.string()),
  processedAt: z.iso.datetime(),
};
const recordedStockUpdate = describing<RecordedStockUpdate>()(
  z
    .union([
      z.object({ ...stockUpdateFields, status: z.literal('APPLIED') }),
      z.object({ ...stockUpdateFields, status: z.literal('REJECTED'), rejection: z.enum(reservationRejections) }),
    ])
    .check(z.meta({ id: 'StockUpdate', description: 'A stock update the stream consumer has processed: APPLIED, or REJECTED and why.' })),
);

const noProduct = problem('There is no product with this SKU.');

export const inventoryContract: HttpContract = {
  'GET /products': {
    summary: 'The catalog, a page at a time',
    responses: { 200: { description: 'A page of products.', body: productPage, example: { items: [{ sku: 'MUG-001', name: 'Mug', priceCents: 1250, available: 5 }] } } },
  },
  'GET /products/{sku}': {
    summary: 'A product and its stock',
    responses: { 200: { description: 'The product.', body: product, example: exampleProduct }, 404: noProduct },
  },
  'PUT /products/{sku}': {
    summary: 'Create a product, or change its name and price',
    description: 'Stock is not touched: it changes through stock updates and orders.',
    requestExample: { name: 'Mug', priceCents: 1250 },
    responses: {
      200: { description: 'The product, updated.', body: product, example: exampleProduct },
      201: { description: 'The product, created with no stock.', body: product, example: { ...exampleProduct, available: 0, reserved: 0 }, headers: { Location: 'The product’s URL.' } },
    },
  },
  'POST /products/{sku}/stock-updates': {
    summary: 'Add or remove stock, through the inventory-updates stream',
    requestExample: { delta: 5, reason: 'delivery' },
    responses: {
      202: {
        description: 'Accepted onto the stream; its URL tells once it is applied or rejected.',
        body: z.object({ updateId: z.uuid() }),
        example: { updateId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
        headers: { Location: 'Where the update’s outcome will be.' },
      },
      404: problem('There is no product with this SKU: create it first.'),
    },
  },
  'GET /products/{sku}/stock-updates/{updateId}': {
    summary: 'What became of a stock update',
    responses: {
      200: { description: 'The update as processed.', body: recordedStockUpdate },
      404: problem('The update has not been processed (yet), or is not of this SKU.'),
    },
  },
};
