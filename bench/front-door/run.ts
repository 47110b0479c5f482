/**
 * `npm run bench:front-door`: what the AWS front door costs per SDK call. The same DynamoDB GetItem goes
 * straight to DynamoDB Local, through the front door as the local operator (no IAM), as a function
 * whose decision IAM has cached, and as a function whose every call IAM evaluates afresh (a new
 * dynamodb:LeadingKeys value each time), in interleaved rounds so that the machine's load falls on all
 * alike. Reports the median latency and this process's CPU per call (the front door runs in it).
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { parseArgs } from 'node:util';
import type { AppModel, FunctionSpec } from '../../local/assembly/app-model';
import { Emulators } from '../../local/emulators/start-emulators';
import { functionAccessKeyId } from '../../local/front-door/callers';
import { LocalAws } from '../../local/front-door/local-aws';
import { localCredentials } from '../../local/lambda/environment-variables';
import { summarize } from '../support/stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({ options: { rounds: { type: 'string' }, calls: { type: 'string' } } });
const rounds = Number(flags.rounds ?? 8);
const callsPerRound = Number(flags.calls ?? 200);
const account = '000000000000';
const region = 'us-east-1';
const table = 'Bench';
const role = 'BenchRole';

const fn = { name: 'bench-fn', roleArn: `arn:aws:iam::${account}:role/${role}` } as FunctionSpec;
const model = {
  functions: [fn],
  tables: [{ key: 'Bench/Table', name: table, arn: `arn:aws:dynamodb:${region}:${account}:table/${table}`, create: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] } }],
  iam: {
    roles: [
      {
        key: 'Bench/Role',
        name: role,
        arn: fn.roleArn,
        managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        tags: {},
        policies: [{ name: 'grant', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: `arn:aws:dynamodb:${region}:${account}:table/${table}` }] } }],
      },
    ],
    managedPolicies: new Map(),
    resourcePolicies: new Map(),
  },
} as unknown as AppModel;

const main = async () => {
  const localAws = await LocalAws.start({ region, accountId: account, iam: true, onWarning: (message) => console.error(message) });
  const emulators = await Emulators.create({ region, accountId: account, invokeRotation: async () => undefined, queueUrlBase: localAws.url });
  await emulators.ensure('dynamodb');
  localAws.useEmulators({ endpoints: emulators.endpoints, secrets: () => emulators.secrets });
  localAws.update(model);
  const client = (endpoint: string, accessKeyId: string) => new DynamoDBClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey: 'x', sessionToken: 'x' } });
  const direct = client(emulators.endpoints.dynamodb, localCredentials.accessKeyId);
  await direct.send(new CreateTableCommand({ TableName: table, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
  const viaFrontDoor = client(localAws.url, functionAccessKeyId(fn.name));
  const operator = client(localAws.url, localCredentials.accessKeyId);
  const getItem = (through: DynamoDBClient, key: string) => through.send(new GetItemCommand({ TableName: table, Key: { pk: { S: key } } }));
  let fresh = 0;
  const modes: Record<string, () => Promise<unknown>> = {
    'straight to DynamoDB Local': () => getItem(direct, 'same'),
    'front door, local operator (no IAM)': () => getItem(operator, 'same'),
    'front door, function, cached IAM decision': () => getItem(viaFrontDoor, 'same'),
    'front door, function, IAM evaluated every call': () => getItem(viaFrontDoor, `key-${fresh++}`),
  };

  const latencies = new Map<string, number[]>(Object.keys(modes).map((mode) => [mode, []]));
  const cpu = new Map<string, number>(Object.keys(modes).map((mode) => [mode, 0]));
  for (const call of Object.values(modes)) for (let i = 0; i < 20; i++) await call();
  for (let round = 0; round < rounds; round++) {
    for (const [mode, call] of Object.entries(modes)) {
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < callsPerRound; i++) {
        const started = performance.now();
        await call();
        latencies.get(mode)!.push(performance.now() - started);
      }
      const used = process.cpuUsage(cpuBefore);
      cpu.set(mode, cpu.get(mode)! + used.user + used.system);
    }
  }
  const calls = rounds * callsPerRound;
  console.log(`| ${calls} GetItem calls each, one at a time | median ms | p90 ms | CPU of this process per call, µs |\n| --- | --- | --- | --- |`);
  for (const [mode, values] of latencies) {
    const summary = summarize(values);
    console.log(`| ${mode} | ${summary.median.toFixed(2)} | ${summary.p90.toFixed(2)} | ${(cpu.get(mode)! / calls).toFixed(0)} |`);
  }
  for (const used of [direct, viaFrontDoor, operator]) used.destroy();
  await localAws.close();
  await emulators.stop();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
