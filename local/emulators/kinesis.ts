import { fork } from 'node:child_process';
import { join } from 'node:path';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { localCredentials } from '../lambda/environment-variables';
import { failureOf, type RunningEmulator, whenReady } from './emulator-process';
import { freePort, waitUntil } from './free-port';

/** The emulator breaks on HTTP/2, which the Kinesis client speaks by default. */
export const kinesisClient = (endpoint: string, region: string): KinesisClient =>
  new KinesisClient({ endpoint, region, credentials: localCredentials, requestHandler: new NodeHttpHandler() });

/**
 * kinesis-local (kinesis-mock), which takes every call of the current SDK including streams named by
 * ARN, in a child process on loopback. With `dataDirectory`, it writes its streams and their records
 * there every 2 seconds (`kinesis-data.json`) and reads them back at start.
 */
export const startKinesis = async (options: { region: string; accountId: string; port?: number; dataDirectory?: string }): Promise<RunningEmulator> => {
  const [port, tlsPort] = [options.port || (await freePort()), await freePort()];
  const child = fork(join(__dirname, 'kinesis-server.mjs'), [], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...process.env,
      KINESIS_MOCK_PLAIN_PORT: String(port),
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      AWS_REGION: options.region,
      AWS_ACCOUNT_ID: options.accountId,
      LOG_LEVEL: 'ERROR',
      // Streams are usable at once, as tests and start-up want; AWS takes some seconds.
      CREATE_STREAM_DURATION: '0ms',
      ...(options.dataDirectory && { SHOULD_PERSIST_DATA: 'true', PERSIST_PATH: options.dataDirectory, PERSIST_INTERVAL: '2s' }),
    },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = kinesisClient(endpoint, options.region);
  const ready = waitUntil('Kinesis emulator', () => client.send(new ListStreamsCommand({}))).then(() => endpoint);
  return whenReady(child, ready, failureOf(child, 'The Kinesis emulator'), () => client.destroy());
};
