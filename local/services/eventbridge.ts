import { randomUUID } from 'node:crypto';
import type { EventsSpec, RuleSpec } from '../assembly/app-model';
import { errorAnswer, notEmulated } from '../front-door/error-answers';
import type { ServiceAnswer, ServiceCall } from '../front-door/service-call';
import { matchesPattern } from '../events/event-pattern';
import { targetInput } from '../events/input-transform';
import { type DeliveryContext, deliverToTarget } from '../events/target-delivery';
import { jsonAnswer } from './json-protocol';

interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: string[];
  readonly Time?: number | string;
}

/** The fields of an event that rules match on, as EventBridge puts them together. */
export type EventBridgeEvent = Record<string, unknown>;

/** `<arn>` or `<name>` → the name; none is the default bus. */
const busName = (nameOrArn: string | undefined) => (nameOrArn ? nameOrArn.split('/').pop()! : 'default');

const eventTime = (time: PutEventsEntry['Time']) => {
  if (time === undefined) return new Date();
  return new Date(typeof time === 'number' ? time * 1000 : time);
};

/**
 * EventBridge for the app's buses and rules: `PutEvents` (the default bus and the app's custom buses)
 * matches each event against the enabled rules of its bus and delivers it to their targets (Lambda
 * functions and SQS queues), with the target's input settings, as `events.amazonaws.com` for the rule:
 * the function's permission or the queue's policy must allow it. Schedules use `deliverScheduled`.
 */
export class LocalEventBridge {
  private buses = new Set<string>(['default']);
  private rules: RuleSpec[] = [];

  constructor(
    private readonly delivery: DeliveryContext,
    private readonly where: { readonly region: string; readonly accountId: string },
  ) {}

  update(events: EventsSpec): void {
    this.buses = new Set(['default', ...events.buses.map((bus) => bus.name)]);
    this.rules = events.rules;
  }

  handle = async (call: ServiceCall): Promise<ServiceAnswer> => {
    if (call.operation !== 'PutEvents') return notEmulated(call, 'the local EventBridge serves PutEvents; buses and rules come from the templates');
    const entries = ((call.input ?? {}).Entries ?? []) as PutEventsEntry[];
    if (entries.length < 1 || entries.length > 10) {
      return errorAnswer(call, { code: 'ValidationException', status: 400, message: `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10` });
    }
    const results = entries.map((entry) => this.put(entry));
    return jsonAnswer({ FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results }, call.requestId);
  };

  /** What a rule's targets get for one event it matched, each delivered on its own. */
  deliverToRuleTargets(rule: { arn: string; name: string; targets: RuleSpec['targets'] }, event: EventBridgeEvent): void {
    for (const target of rule.targets) {
      deliverToTarget(this.delivery, target, targetInput(target, event, rule), {
        principalArn: 'events.amazonaws.com',
        sourceArn: rule.arn,
        description: `rule ${rule.name}`,
      }).catch((error: Error) => this.delivery.onWarning(`Rule ${rule.name} could not deliver to ${target.arn}: ${error.message}`));
    }
  }

  private put(entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const bus = busName(entry.EventBusName);
    if (!this.buses.has(bus)) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${bus} does not exist.` };
    const id = randomUUID();
    const event: EventBridgeEvent = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.where.accountId,
      time: eventTime(entry.Time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.where.region,
      resources: entry.Resources ?? [],
      detail,
    };
    for (const rule of this.rules) {
      if (rule.enabled && rule.busName === bus && rule.eventPattern && matchesPattern(rule.eventPattern, event)) this.deliverToRuleTargets(rule, event);
    }
    return { EventId: id };
  }
}
