// `npm run redrive -- <queue|all> [--target local|aws] [--rate <messages per second>]`: sends what failed
// back through the system, once its cause is fixed (docs/operations.md). A dead-letter queue's messages
// go back to the queue that sent them there (SQS message move task); a stream consumer's failed batches
// are replayed (stock updates put back on their stream, outbox messages republished). Without --target:
// local, the running `npm start`, whose emulator endpoints come from AWS_ENDPOINT_URL_SQS, _KINESIS and
// _DYNAMODB.
import { parseArgs } from 'node:util';
import { clientsFor, type Target } from './operator/aws-target';
import { NoSuchQueueError, redrive } from './operator/redrive';

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
    const result = await redrive(clients, which, { ratePerSecond: rate }).catch((error: unknown) => {
      if (!(error instanceof NoSuchQueueError)) throw error;
      console.error(`${error.message} (on ${target})`);
      return undefined;
    });
    if (!result) return 2;
    const { deadLetters, failures, incomplete } = result;
    for (const { name, task } of deadLetters) {
      const moved = `${task.ApproximateNumberOfMessagesMoved ?? 0} of ${task.ApproximateNumberOfMessagesToMove ?? 0}`;
      console.log(`${name}: ${task.Status}, ${moved} messages moved from its dead-letter queue back to it${task.FailureReason ? ` (${task.FailureReason})` : ''}`);
    }
    for (const { name, batches, kept } of failures) {
      const replayed = batches.reduce((sum, batch) => sum + batch.replayed, 0);
      console.log(`${name}: ${batches.length} failed batches, ${replayed} records replayed`);
      for (const batch of batches) {
        const notes = [batch.skipped > 0 && `${batch.skipped} sent before`, batch.lost > 0 && `${batch.lost} lost`].filter(Boolean);
        console.log(`  ${batch.replayed} ${batch.how}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}`);
      }
      if (kept > 0) console.log(`  ${kept} failure records left on the queue for a person to look at`);
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
