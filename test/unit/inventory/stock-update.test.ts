import { availableNeededFor, rejectionOf } from '../../../functions/inventory/domain/stock-update';
import { stockUpdate } from '../../../functions/shared/contracts/inventory-updates';

describe('stock update rules', () => {
  it('needs no stock for an addition, and as much as is removed for a removal', () => {
    expect(availableNeededFor(10)).toBe(0);
    expect(availableNeededFor(-3)).toBe(3);
  });

  it('refuses a removal larger than what is available, so stock never goes negative', () => {
    expect(rejectionOf(-4, { available: 3 })).toBe('insufficient-stock');
    expect(rejectionOf(-3, { available: 3 })).toBeUndefined();
  });

  it('refuses any update of a product that does not exist', () => {
    expect(rejectionOf(5, undefined)).toBe('unknown-sku');
  });
});

describe('the inventory-updates record shape', () => {
  const valid = {
    updateId: '5d0f2c4e-7a1b-4b6e-9f3a-2c8d1e0b7a64',
    sku: 'TEA-01',
    delta: 25,
    reason: 'delivery 4711',
    source: 'warehouse-feed',
    occurredAt: '2026-11-26T09:00:00.000Z',
  };

  it('accepts a record from any producer, with or without a correlation id', () => {
    expect(stockUpdate.safeParse(valid).success).toBe(true);
    expect(stockUpdate.safeParse({ ...valid, correlationId: 'abc' }).success).toBe(true);
  });

  it.each([
    ['a zero delta', { delta: 0 }],
    ['a fractional delta', { delta: 1.5 }],
    ['an absurd delta', { delta: 10_000_000 }],
    ['a malformed SKU', { sku: 'has space' }],
    ['no update id', { updateId: undefined }],
    ['a blank reason', { reason: '  ' }],
  ])('rejects %s', (_case, change) => {
    expect(stockUpdate.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
