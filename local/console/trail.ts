import type { AppModel } from '../assembly/app-model';
import { callFacts, type SentMessage, type WrittenItem } from '../observe/aws-call-facts';
import { lastSegment } from '../observe/observed-log';
import type { ObservedInvocation, RuntimeObserver } from '../observe/runtime-observer';
import { logView } from './log-view';

export type StepOutcome = 'ok' | 'error' | 'pending' | 'dead-lettered';

/** One thing that happened to an order (or whatever the id names), as the trail lists it. */
export interface TrailStep {
  readonly at: number;
  readonly kind: 'request' | 'invocation' | 'message' | 'record' | 'item';
  /** The stack of the function that did it (`OrderService`), the API's name, or `local operator`. */
  readonly service: string;
  readonly title: string;
  readonly detail?: string;
  readonly durationMs?: number;
  readonly outcome: StepOutcome;
}

/** A message of the trail, with the invocations it was delivered to. */
export interface TrailMessage {
  readonly message: SentMessage;
  readonly sentAt: number;
  readonly deliveries: readonly { readonly endedAt: number; readonly ok: boolean; readonly function: string }[];
}

/** The trail as the observations give it; `trail-state.ts` adds where its messages and items are now. */
export interface TrailPlan {
  readonly id: string;
  readonly correlationIds: string[];
  readonly steps: TrailStep[];
  readonly messages: TrailMessage[];
  readonly items: WrittenItem[];
}

/** The stack a resource's key or display name starts with: `UserService/Register` → `UserService`. */
export const stackOf = (name: string) => name.split('/')[0] ?? name;
const keyText = (key: Record<string, unknown>) =>
  Object.values(key)
    .map((value) => Object.values(value as Record<string, unknown>)[0])
    .join(' / ');

/**
 * Follows one id through what the runtime observed, without knowing the app. The id is a correlation id,
 * or the id of a resource a request created (the last segment of a 201's or 202's `Location`), which
 * stands for that request's correlation id. The trail holds the requests with that correlation id (and
 * those naming the resource in their path), the messages, stream records and items written with it
 * (docs/local-runtime.md: a `correlationId` attribute or field) or keyed by the resource, and the
 * invocations that handled any of them or logged the correlation id — in time order.
 */
export const assembleTrail = (observer: RuntimeObserver, model: AppModel, id: string): TrailPlan => {
  const requests = observer.requests.toArray();
  const created = requests.filter(({ entry }) => entry.location && lastSegment(entry.location) === id);
  const correlationIds = new Set(created.length > 0 ? created.map(({ entry }) => entry.correlationId ?? entry.requestId) : [id]);
  const subjects = new Set([id, ...requests.filter(({ entry }) => entry.location && correlationIds.has(entry.correlationId ?? '')).map(({ entry }) => lastSegment(entry.location!))]);
  const names = new Map(model.functions.map((fn) => [fn.name, fn.displayName]));
  const keyNames = new Map(
    model.tables.map((table) => [table.name, ((table.create.KeySchema as { AttributeName: string }[] | undefined) ?? []).map((key) => key.AttributeName)]),
  );
  const steps: TrailStep[] = [];
  const namesSubject = (text: string) => [...subjects].some((subject) => text.includes(subject));

  const ownRequestIds = new Set<string>();
  for (const { at, api, entry } of requests) {
    const own = correlationIds.has(entry.correlationId ?? '');
    if (!own && !entry.path.split('/').some((segment) => subjects.has(segment))) continue;
    if (own) ownRequestIds.add(entry.requestId);
    steps.push({
      at,
      kind: 'request',
      service: api,
      title: `${entry.method} ${entry.path} → ${entry.status}`,
      detail: entry.reason ?? (entry.location ? `Location: ${entry.location}` : undefined),
      durationMs: entry.durationMs,
      outcome: entry.status >= 500 ? 'error' : 'ok',
    });
  }

  const messages = new Map<string, TrailMessage & { deliveries: TrailMessage['deliveries'][number][] }>();
  const recordIds = new Set<string>();
  const items = new Map<string, WrittenItem>();
  for (const call of observer.calls.toArray()) {
    const facts = callFacts(call, (table) => keyNames.get(table) ?? []);
    const caller = names.get(call.caller) ?? call.caller;
    for (const message of facts.messages.filter((fact) => correlationIds.has(fact.correlationId ?? ''))) {
      messages.set(message.messageId, { message, sentAt: call.at, deliveries: [] });
      steps.push({ at: call.at, kind: 'message', service: stackOf(caller), title: `Message sent to ${message.queueName}`, detail: `by ${caller}, id ${message.messageId}`, durationMs: call.durationMs, outcome: 'ok' });
    }
    for (const record of facts.records.filter((fact) => correlationIds.has(fact.correlationId ?? ''))) {
      recordIds.add(record.sequenceNumber);
      steps.push({ at: call.at, kind: 'record', service: stackOf(caller), title: `Record put on ${record.streamName}`, detail: `by ${caller}, ${record.shardId} #${record.sequenceNumber}`, durationMs: call.durationMs, outcome: 'ok' });
    }
    for (const item of facts.items.filter((fact) => correlationIds.has(fact.correlationId ?? '') || namesSubject(keyText(fact.key)))) {
      items.set(`${item.tableName} ${JSON.stringify(item.key)}`, item);
      steps.push({ at: call.at, kind: 'item', service: stackOf(caller), title: `${call.operation} ${item.tableName}`, detail: `by ${caller}, key ${keyText(item.key)}`, durationMs: call.durationMs, outcome: 'ok' });
    }
  }

  const loggedBy = new Set(
    observer.logs
      .toArray()
      .filter((line) => line.source === 'function')
      .map(logView)
      .filter((view) => view.requestId && correlationIds.has(view.correlationId ?? ''))
      .map((view) => view.requestId!),
  );
  for (const invocation of observer.invocations.toArray()) {
    const { trigger } = invocation;
    const delivered = trigger.kind === 'sqs' ? trigger.items.filter((item) => messages.has(item.id)) : [];
    const ours =
      loggedBy.has(invocation.requestId) ||
      (trigger.kind === 'http' && ownRequestIds.has(trigger.requestId)) ||
      delivered.length > 0 ||
      ((trigger.kind === 'kinesis' || trigger.kind === 'dynamodb') &&
        trigger.items.some((item) => recordIds.has(item.id) || correlationIds.has(item.correlationId ?? '')));
    if (!ours) continue;
    for (const item of delivered) messages.get(item.id)!.deliveries.push({ endedAt: invocation.at + invocation.durationMs, ok: invocation.outcome === 'ok', function: invocation.function });
    steps.push(invocationStep(invocation));
  }
  return { id, correlationIds: [...correlationIds], steps, messages: [...messages.values()], items: [...items.values()] };
};

const triggerText = (invocation: ObservedInvocation) => {
  const { trigger } = invocation;
  if (trigger.kind === 'http') return 'an HTTP request';
  if (trigger.kind === 'other') return 'a direct invocation';
  const source = trigger.kind === 'dynamodb' ? `the stream of ${/table\/([^/]+)/.exec(trigger.sourceArn)?.[1] ?? trigger.sourceArn}` : trigger.sourceArn.split(/[/:]/).pop();
  const noun = trigger.kind === 'sqs' ? 'message' : 'record';
  return `${trigger.items.length} ${noun}${trigger.items.length === 1 ? '' : 's'} from ${source}`;
};

const invocationStep = (invocation: ObservedInvocation): TrailStep => ({
  at: invocation.at,
  kind: 'invocation',
  service: stackOf(invocation.function),
  title: `${invocation.function} invoked`,
  detail: [
    `by ${triggerText(invocation)}`,
    invocation.coldStart ? 'cold start' : undefined,
    invocation.error ? `${invocation.error.errorType}: ${invocation.error.errorMessage}` : undefined,
  ]
    .filter(Boolean)
    .join('; '),
  durationMs: invocation.durationMs,
  outcome: invocation.outcome,
});
