import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Stream } from 'aws-cdk-lib/aws-kinesis';
import { CfnEventSourceMapping, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';

/** A route as the stack declares it: `GET /orders/{orderId}` on the API with id `apiId`. */
export interface RouteSpec {
  readonly apiId: string;
  readonly method: string;
  readonly path: string;
}

/** A queue a function consumes (or anyone may read), with the dead-letter queue its redrive policy names. */
export interface WorkQueue {
  readonly queue: Queue;
  readonly deadLetterQueue?: IQueue;
}

/** Everything in one stack that can fail, fall behind or fill up: what monitoring must cover. */
export interface StackInventory {
  readonly routes: RouteSpec[];
  readonly functions: LambdaFunction[];
  /** Functions that read a Kinesis or DynamoDB stream: their iterator age says how far behind they are. */
  readonly streamConsumers: Set<LambdaFunction>;
  readonly workQueues: WorkQueue[];
  /** Dead-letter queues no work queue redrives to: the on-failure destinations of stream consumers. */
  readonly failureQueues: Queue[];
  readonly streams: Stream[];
  readonly tables: Table[];
  /** The groups of the stack's schedules: their metrics count every tick of the schedules in them. */
  readonly scheduleGroups: ScheduleGroup[];
  /** Whether any function consumes a queue or a stream (through the shared batch consumer). */
  readonly readsRecords: boolean;
}

const ownedBy = <T extends IConstruct>(stack: Stack, type: abstract new (...args: never[]) => T): T[] =>
  stack.node.findAll().filter((node): node is T => node instanceof type && Stack.of(node) === stack);

/** The logical id a Ref or Fn::GetAtt points at, once resolved. */
const referencedLogicalId = (stack: Stack, value: unknown): string | undefined => {
  const resolved = stack.resolve(value) as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return resolved?.Ref ?? resolved?.['Fn::GetAtt']?.[0];
};

const logicalIdOf = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnResource);

/** Takes stock of a complete stack (call it at synthesis, once every construct is in place). */
export const inventoryOf = (stack: Stack): StackInventory => {
  const functions = ownedBy(stack, LambdaFunction);
  const queues = ownedBy(stack, Queue);
  const mappings = ownedBy(stack, CfnEventSourceMapping);
  const byLogicalId = <T extends IConstruct>(candidates: T[], logicalId: string | undefined) =>
    candidates.find((candidate) => logicalIdOf(stack, candidate) === logicalId);

  const streamMappings = mappings.filter((mapping) => mapping.startingPosition !== undefined);
  const streamConsumers = new Set(
    streamMappings.map((mapping) => byLogicalId(functions, referencedLogicalId(stack, mapping.functionName))).filter((fn) => fn !== undefined),
  );
  const redriveTargets = new Set(queues.map((queue) => queue.deadLetterQueue?.queue));
  const onFailureTargets = [
    ...new Set(
      streamMappings
        .map((mapping) => {
          const destination = stack.resolve(mapping.destinationConfig) as { onFailure?: { destination?: unknown } } | undefined;
          return byLogicalId(queues, referencedLogicalId(stack, destination?.onFailure?.destination));
        })
        .filter((queue) => queue !== undefined),
    ),
  ];

  return {
    routes: ownedBy(stack, CfnRoute).map((route) => {
      const [method, path] = route.routeKey.split(' ');
      return { apiId: route.apiId, method: method!, path: path! };
    }),
    functions,
    streamConsumers,
    workQueues: queues
      .filter((queue) => !redriveTargets.has(queue) && !onFailureTargets.includes(queue))
      .map((queue) => ({ queue, deadLetterQueue: queue.deadLetterQueue?.queue })),
    failureQueues: onFailureTargets.filter((queue) => !redriveTargets.has(queue)),
    streams: ownedBy(stack, Stream),
    tables: ownedBy(stack, Table),
    scheduleGroups: ownedBy(stack, ScheduleGroup),
    readsRecords: mappings.length > 0,
  };
};
