import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { localCredentials } from '../lambda/environment-variables';
import type { RunningEmulator } from './dynamodb-local';
import { freePort, waitUntil } from './free-port';
import { stopChild } from './stop-child';

/** The emulator breaks on HTTP/2, which the Kinesis client speaks by default. */
export const kinesisClient = (endpoint: string, region: string): KinesisClient =>
  new KinesisClient({ endpoint, region, credentials: localCredentials, requestHandler: new NodeHttpHandler() });

/**
 * kinesis-local (kinesis-mock), which takes every call of the current SDK including streams named by
 * ARN, in a child process on loopback.
 */
export const startKinesis = async (options: { region: string; accountId: string }): Promise<RunningEmulator> => {
  const [port, tlsPort] = [await freePort(), await freePort()];
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
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The Kinesis emulator exited with code ${code}: ${stderr.trim()}`);
  });
  exited.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = kinesisClient(endpoint, options.region);
  try {
    await Promise.race([waitUntil('Kinesis emulator', () => client.send(new ListStreamsCommand({}))), exited]);
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, stop: () => stopChild(child) };
};
