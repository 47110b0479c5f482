// `npm run redrive -- <queue|all> [--target local|aws] [--rate <messages per second>]`: sends what failed
// back through the system, once its cause is fixed (docs/operations.md). A dead-letter queue's messages
// go back to the queue that sent them there (SQS message move task); a stream consumer's failed batches
// are replayed (stock updates put back on their stream, outbox messages republished). Without --target:
// local, the running `npm start`, whose emulator endpoints come from AWS_ENDPOINT_URL_SQS, _KINESIS and
// _DYNAMODB.
import { parseArgs } from 'node:util';
import { clientsFor, type Target } from './operator/aws-target';
import { redriveDeadLetters } from './operator/redrive-dead-letters';
import { replayFailureQueue } from './operator/replay-stream-failures';
import { findShopQueues } from './operator/shop-queues';

// The lock file pins SDK releases that support Node 20; their notice that later ones will not is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = 'Usage: npm run redrive -- <queue|all> [--target local|aws] [--rate <messages per second, 1-500>]';

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { target: { type: 'string', default: 'local' }, rate: { type: 'string' } },
  });
  const [which] = positionals;
  const target = values.target as Target;
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (!which || positionals.length > 1 || !['local', 'aws'].includes(target) || (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 500))) {
    console.error(usage);
    return 2;
  }
  const clients = clientsFor(target);
  try {
    const queues = await findShopQueues(clients.sqs);
    const known = [...queues.deadLetterPairs.map(({ name }) => name), ...queues.failureQueues.map(({ name }) => name)];
    const pairs = queues.deadLetterPairs.filter(({ name }) => which === 'all' || which === name);
    const failureQueues = queues.failureQueues.filter(({ name }) => which === 'all' || which === name);
    if (pairs.length + failureQueues.length === 0) {
      console.error(known.length === 0 ? `No queue of the shop found on ${target}.` : `No queue named ${which}. The shop's queues: ${known.join(', ')}, or all.`);
      return 2;
    }
    let incomplete = 0;
    for (const pair of pairs) {
      const task = await redriveDeadLetters(clients.sqs, pair, { ratePerSecond: rate });
      const moved = `${task.ApproximateNumberOfMessagesMoved ?? 0} of ${task.ApproximateNumberOfMessagesToMove ?? 0}`;
      console.log(`${pair.name}: ${task.Status}, ${moved} messages moved from its dead-letter queue back to it${task.FailureReason ? ` (${task.FailureReason})` : ''}`);
      if (task.Status !== 'COMPLETED') incomplete++;
    }
    for (const queue of failureQueues) {
      const { batches, kept } = await replayFailureQueue(clients, queue);
      const replayed = batches.reduce((sum, batch) => sum + batch.replayed, 0);
      console.log(`${queue.name}: ${batches.length} failed batches, ${replayed} records replayed`);
      for (const batch of batches) {
        const notes = [batch.skipped > 0 && `${batch.skipped} sent before`, batch.lost > 0 && `${batch.lost} lost`].filter(Boolean);
        console.log(`  ${batch.replayed} ${batch.how}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}`);
      }
      if (kept > 0) console.log(`  ${kept} failure records left on the queue for a person to look at`);
      incomplete += kept;
    }
    return incomplete === 0 ? 0 : 1;
  } finally {
    clients.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
