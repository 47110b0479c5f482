import type { TableSpec } from '../assembly/app-model';
import type { DataResources } from '../assembly/describe-app';
import type { SecretsManagerState } from '../emulators/secrets-manager';
import type { EmulatorName } from '../emulators/start-emulators';
import { type AwsClients, regionOfArn } from './aws-clients';
import { createQueues } from './queues';
import { createSecret } from './secrets';
import { createStream } from './streams';
import { createTable } from './tables';

/**
 * Creates the app's tables, queues, streams and secrets in the emulators, skipping what exists (a
 * reload keeps data, and so does a restart with kept data). Records the values only known once a
 * resource exists (secret ARNs, table stream ARNs) in `assigned`. Returns the keys of the secrets it
 * created and the tables by stream ARN. `ready` starts an emulator (resources go into each as soon as
 * it serves, while the others still start).
 */
export const provision = async (
  data: DataResources,
  clients: AwsClients,
  emulators: { ready(name: EmulatorName): Promise<void>; secrets(): SecretsManagerState | undefined },
  assigned: Map<string, string>,
): Promise<{ createdSecrets: string[]; tableStreams: Map<string, TableSpec> }> => {
  const tableStreams = new Map<string, TableSpec>();
  const regions = new Set(data.queues.map((queue) => regionOfArn(queue.arn)));
  const once = <T>(name: EmulatorName, create: () => Promise<T>) => emulators.ready(name).then(create);
  await Promise.all([
    ...data.tables.map(async (table) => {
      await emulators.ready('dynamodb');
      const streamArn = await createTable(clients.for(regionOfArn(table.arn)).dynamodb, table);
      if (!streamArn) return;
      assigned.set(`${table.key}.StreamArn`, streamArn);
      tableStreams.set(streamArn, table);
    }),
    ...[...regions].map((region) =>
      once('sqs', () => createQueues(clients.for(region).sqs, data.queues.filter((queue) => regionOfArn(queue.arn) === region))),
    ),
    ...data.streams.map((stream) => once('kinesis', () => createStream(clients.for(regionOfArn(stream.arn)).kinesis, stream))),
  ]);
  if (data.secrets.length > 0) await emulators.ready('secretsManager');
  const secrets = emulators.secrets();
  const created: string[] = [];
  for (const secret of data.secrets) {
    if (assigned.has(`${secret.key}.Arn`)) continue;
    if (!secrets) throw new Error('The Secrets Manager emulator is not running');
    const kept = secrets.arnOf(secret.name);
    assigned.set(`${secret.key}.Arn`, kept ?? createSecret(secrets, secret));
    if (!kept) created.push(secret.key);
  }
  return { createdSecrets: created, tableStreams };
};
