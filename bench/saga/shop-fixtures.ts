import { type Account, benchAdmin, type ShopClient } from '../support/shop-client';

export interface ShopFixtures {
  readonly shoppers: Account[];
  readonly skus: string[];
}

const stockDeadlineMs = 60_000;

/** Waits until every product shows its stock, applied by the stream consumer (polled; the deadline fails the run). */
const awaitStock = async (shop: ShopClient, token: string, skus: string[], available: number) => {
  const deadline = Date.now() + stockDeadlineMs;
  for (const sku of skus) {
    for (;;) {
      const { body } = await shop.call<{ available: number }>('GET', `/products/${sku}`, [200], { token });
      if (body.available >= available) break;
      if (Date.now() > deadline) throw new Error(`${sku} still shows ${body.available} units after ${stockDeadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/** Shoppers and stocked products for placing orders, made through the app's own API. */
export const prepareShop = async (shop: ShopClient, options: { shoppers: number; products: number; unitsEach: number; prefix: string }): Promise<ShopFixtures> => {
  const admin = await shop.account(benchAdmin.email, benchAdmin.password);
  const skus = Array.from({ length: options.products }, (_, index) => `${options.prefix}-${index}`);
  for (const sku of skus) {
    await shop.createProduct(admin.token, sku);
    await shop.addStock(admin.token, sku, options.unitsEach);
  }
  const shoppers = await Promise.all(Array.from({ length: options.shoppers }, () => shop.account()));
  await awaitStock(shop, admin.token, skus, options.unitsEach);
  return { shoppers, skus };
};
