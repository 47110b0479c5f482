import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Polls `probe` until it resolves, failing after `timeoutMs`. */
export const waitUntil = async (what: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

/** The front door's port and the emulators' (the next four), from the front door's. */
export const awsPortsFrom = (awsPort: number) => ({
  frontDoor: awsPort,
  emulators: { dynamodb: awsPort + 1, sqs: awsPort + 2, kinesis: awsPort + 3, secretsManager: awsPort + 4 },
});

const portUsers = { dynamodb: 'DynamoDB Local', sqs: 'SQS', kinesis: 'Kinesis', secretsManager: 'Secrets Manager' } as const;

/** Fails with a clear error if one of these ports is taken, before anything starts on any of them. */
export const assertPortsFree = async (ports: ReturnType<typeof awsPortsFrom>, hint: string): Promise<void> => {
  const wanted: [number, string][] = [
    [ports.frontDoor, 'the AWS endpoint'],
    ...Object.entries(ports.emulators).map(([name, port]): [number, string] => [port, portUsers[name as keyof typeof portUsers]]),
  ];
  for (const [port, user] of wanted) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) throw new Error(`Port ${port} (${user}) is in use: ${hint}`);
  }
};
