// fauxqs (SQS) in a process of its own, listening on loopback only. It prints its port once it
// listens, and ends with its parent: when the IPC channel closes.
import { buildApp } from 'fauxqs';

process.on('disconnect', () => process.exit(0));
const app = buildApp({ logger: false });
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
