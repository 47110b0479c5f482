import { PricingError, priceOrder } from '../../../functions/order/domain/pricing';

describe('pricing an order', () => {
  it('takes each line at its reserved unit price, in the order the lines were ordered, and totals in cents', () => {
    const { lines, totalCents } = priceOrder(
      [
        { sku: 'A', quantity: 3 },
        { sku: 'B', quantity: 1 },
      ],
      [
        { sku: 'B', quantity: 1, priceCents: 999 },
        { sku: 'A', quantity: 3, priceCents: 333 },
      ],
    );
    expect(lines).toEqual([
      { sku: 'A', quantity: 3, priceCents: 333 },
      { sku: 'B', quantity: 1, priceCents: 999 },
    ]);
    expect(totalCents).toBe(1998);
  });

  it('allows a free line', () => {
    expect(priceOrder([{ sku: 'GIFT', quantity: 2 }], [{ sku: 'GIFT', quantity: 2, priceCents: 0 }]).totalCents).toBe(0);
  });

  it.each([
    ['a missing line', [{ sku: 'A', quantity: 1, priceCents: 1 }]],
    ['a different quantity', [{ sku: 'A', quantity: 2, priceCents: 1 }, { sku: 'B', quantity: 1, priceCents: 1 }]],
    ['an extra line', [{ sku: 'A', quantity: 1, priceCents: 1 }, { sku: 'B', quantity: 1, priceCents: 1 }, { sku: 'C', quantity: 1, priceCents: 1 }]],
    ['a repeated line', [{ sku: 'A', quantity: 1, priceCents: 1 }, { sku: 'A', quantity: 1, priceCents: 1 }]],
  ])('refuses a reservation with %s', (_case, reserved) => {
    expect(() => priceOrder([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }], reserved)).toThrow(PricingError);
  });

  it('refuses a total that integer cents cannot hold exactly', () => {
    expect(() => priceOrder([{ sku: 'A', quantity: 100 }], [{ sku: 'A', quantity: 100, priceCents: Number.MAX_SAFE_INTEGER }])).toThrow(
      /too large/,
    );
  });
});
