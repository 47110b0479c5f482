import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulators } from '../local/emulators/start-emulators';
import { measureEmulatorCeiling } from './saga/emulator-ceiling';

const main = async () => {
  const cost = JSON.parse(readFileSync(join(__dirname, '..', '.local', 'bench', 'quick.json'), 'utf8')).orderCost;
  const emulators = await startEmulators({ region: 'us-east-1', accountId: '000000000000', invokeRotation: async () => undefined });
  try {
    for (const c of [16, 16]) console.log(JSON.stringify(await measureEmulatorCeiling(emulators.endpoints, 'us-east-1', cost, { orders: 200, concurrency: c })));
  } finally {
    await emulators.stop();
  }
};
void main();
