import type { AddressInfo, Server } from 'node:net';
import type { RunningEmulator } from '../../../local/emulators/emulator-process';

/*
 * The Kinesis emulator the saga's handler tests talk to, in the Jest parent process: kinesalite (the
 * handlers name streams, never stream ARNs, which kinesalite would refuse). SQS is the local runtime's
 * own emulator (fauxqs with message move tasks), in a process of its own.
 */

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
