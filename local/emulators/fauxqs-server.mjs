// fauxqs (SQS) in a process of its own, listening on loopback only (on SQS_PORT, or any free port),
// with SQS's message move tasks in front of it (sqs-message-moves.ts: fauxqs 1.9 has none). It prints
// its port once it listens, and ends with its parent: when the IPC channel closes. With SQS_STATE_FILE,
// its queues and messages are read from that file at start and written to it every 2 seconds and when
// it ends (sqs-state.ts: fauxqs 1.9 keeps them in memory only).
import { dirname, join } from 'node:path';
import { setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { tsImport } from 'tsx/esm/api';

// Queue URLs should name the host the client called (http://127.0.0.1:<port>/...), which resolves, rather
// than fauxqs's default sqs.<region>.localhost. Its store takes that setting; fauxqs does not export the
// store, so it is loaded from the pinned package's files.
const dist = dirname(fileURLToPath(import.meta.resolve('fauxqs')));
const load = (file) => import(pathToFileURL(join(dist, file)).href);
const [{ SqsStore }, { SnsStore }, { S3Store }, { answerMessageMoves, MessageMoveTasks }, { restoreQueues, saveQueues }] = await Promise.all([
  load('sqs/sqsStore.js'),
  load('sns/snsStore.js'),
  load('s3/s3Store.js'),
  tsImport('./sqs-message-moves.ts', import.meta.url),
  tsImport('./sqs-state.ts', import.meta.url),
]);
const sqsStore = new SqsStore();
sqsStore.host = undefined;
// The runtime's AWS front door, when given: queue URLs name it, whoever creates the queue, so that a
// function that sends to a queue URL goes through it. A queue is found by its name whatever host its
// URL names (AWS too accepts a queue's URL under more than one host).
const urlBase = process.env.QUEUE_URL_BASE;
if (urlBase) sqsStore.buildQueueUrl = (queueName) => `${urlBase}/000000000000/${queueName}`;
const findByUrl = sqsStore.getQueue.bind(sqsStore);
sqsStore.getQueue = (url) => findByUrl(url) ?? sqsStore.getQueueByName(String(url ?? '').split('/').pop());

const stateFile = process.env.SQS_STATE_FILE;
// Written only once it has been read: a stop during start-up must not overwrite it with nothing.
let restored = false;
const end = () => {
  if (stateFile && restored) saveQueues(sqsStore, stateFile);
  process.exit(0);
};
process.on('disconnect', end);
process.on('SIGTERM', end);
process.on('SIGINT', end);
const app = buildApp({ logger: false, stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } });
// Message moves are done through the emulator's own SQS actions, with the credentials a local client uses.
let ownClient;
const ownEndpoint = () => `http://127.0.0.1:${app.server.address().port}`;
answerMessageMoves(
  app,
  new MessageMoveTasks(() => (ownClient ??= new SQSClient({ endpoint: ownEndpoint(), useQueueUrlAsEndpoint: false, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))),
);
await app.listen({ port: Number(process.env.SQS_PORT ?? 0), host: '127.0.0.1' });
if (stateFile) {
  restoreQueues(sqsStore, stateFile, (name) => (urlBase ? sqsStore.buildQueueUrl(name) : `${ownEndpoint()}/000000000000/${name}`));
  restored = true;
  setInterval(() => saveQueues(sqsStore, stateFile), 2000).unref();
}
process.stdout.write(`${app.server.address().port}\n`);
