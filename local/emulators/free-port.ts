import { createServer } from 'node:net';

/**
 * Below the ports operating systems hand out by themselves (Linux from 32768, macOS and Windows from
 * 49152): a port chosen here is given to another process, which binds it later (a JVM, seconds later),
 * and no outgoing connection or `listen(0)` of any process takes it in between.
 */
const choosable = { from: 20_000, to: 32_767 };
/** Handed out by this process already: runtimes in one process (tests) never get the same port. */
const handedOut = new Set<number>();

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A TCP port on loopback that nothing listens on right now, for another process to listen on. */
export const freePort = async (): Promise<number> => {
  for (let tries = 0; tries < 200; tries++) {
    const port = choosable.from + Math.floor(Math.random() * (choosable.to - choosable.from + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await isFree(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`No free TCP port between ${choosable.from} and ${choosable.to} on 127.0.0.1`);
};

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
    if (!(await isFree(port))) throw new Error(`Port ${port} (${user}) is in use: ${hint}`);
  }
};
