import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { stopChild } from '../../local/emulators/stop-child';
import { benchAdmin, ShopClient } from '../support/shop-client';
import { applyLoad, type LoadFigures } from './load';

export interface GatewayLatencyFigures {
  readonly route: string;
  readonly bodyBytes: number;
  readonly levels: { readonly gateway: LoadFigures; readonly floor: LoadFigures }[];
}

const route = 'GET /products/{sku}';

const startFloorServer = async (contentType: string, body: string) => {
  const child = fork(join(__dirname, 'floor-server.ts'), [contentType, Buffer.from(body).toString('base64')], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [port] = (await once(child, 'message')) as [number];
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
};

/**
 * Gateway latency on the local runtime: an authenticated `GET /products/{sku}` (JWT verified by the
 * gateway, the function invoked in its execution environment, DynamoDB Local read) for a fixed time at
 * each concurrency, each level right after the same load on a minimal Node server returning the same body.
 */
export const measureGatewayLatency = async (apiUrl: string, settings: { seconds: number; concurrency: number[] }): Promise<GatewayLatencyFigures> => {
  const shop = new ShopClient(apiUrl);
  const admin = await shop.account(benchAdmin.email, benchAdmin.password);
  const shopper = await shop.account();
  const sku = 'BENCH-GATEWAY';
  await shop.createProduct(admin.token, sku);
  const url = `${apiUrl}/products/${sku}`;
  const sample = await fetch(url, { headers: { authorization: `Bearer ${shopper.token}` } });
  const body = await sample.text();
  const floor = await startFloorServer(sample.headers.get('content-type') ?? 'application/json', body);
  const headers = { authorization: `Bearer ${shopper.token}` };
  try {
    const levels = [];
    for (const connections of settings.concurrency) {
      // Lets the runtime start the execution environments this concurrency needs before measuring.
      await applyLoad(url, connections, Math.min(1, settings.seconds), headers);
      const gateway = await applyLoad(url, connections, settings.seconds, headers);
      const floorFigures = await applyLoad(floor.url, connections, settings.seconds, headers);
      levels.push({ gateway, floor: floorFigures });
    }
    return { route, bodyBytes: Buffer.byteLength(body), levels };
  } finally {
    await floor.stop();
  }
};
