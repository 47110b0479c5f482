import type { AddressInfo, Server } from 'node:net';
import type { startFauxqs } from 'fauxqs';
import type { RunningEmulator } from '../../../local/emulators/emulator-process';

/*
 * The SQS and Kinesis emulators the saga's handler tests talk to, in the Jest parent process:
 * fauxqs for SQS and kinesalite for Kinesis (the handlers name streams, never stream ARNs, which
 * kinesalite would refuse).
 */

/** fauxqs ships ES modules only; Jest compiles this file to CommonJS, where `import()` would become `require()`. */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: 'fauxqs') => Promise<{ startFauxqs: typeof startFauxqs }>;

export const startSqsEmulator = async (): Promise<RunningEmulator> => {
  const fauxqs = await importModule('fauxqs');
  const server = await fauxqs.startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  return { endpoint: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
};

type Kinesalite = (options: Record<string, number>) => Server;

export const startKinesisEmulator = async (): Promise<RunningEmulator> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kinesalite has no type declarations
  const kinesalite = require('kinesalite') as Kinesalite;
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 10_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
