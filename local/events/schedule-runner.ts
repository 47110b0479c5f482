import { randomInt } from 'node:crypto';
import type { ScheduleSpec } from '../assembly/app-model';
import { type Occurrences, parseScheduleExpression } from './schedule-expressions';

interface Planned {
  readonly spec: ScheduleSpec;
  readonly occurrences: Occurrences;
  /** The next scheduled time, and when it fires (later within a flexible time window). */
  next?: { scheduled: number; fireAt: number };
}

/** A schedule that fired: its name and the time it was scheduled for. */
export interface Fired {
  readonly name: string;
  readonly scheduledTime: string;
}

/** At most this many missed occurrences of one schedule fire at once (a machine that slept); later ones are skipped. */
const maxCatchUp = 10;
/** setTimeout's longest delay. */
const maxTimerMs = 2_147_483_647;

/**
 * Runs the app's schedules (EventBridge rules with `ScheduleExpression`, Scheduler schedules) as an
 * event source: each fires at its times, a flexible time window moving each firing to a random time
 * within it. `runDue(at)` fires what is due by `at` at once, as if the time had come: tests use it
 * instead of waiting.
 */
export class ScheduleRunner {
  private planned = new Map<string, Planned>();
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly fire: (schedule: ScheduleSpec, scheduledTime: number) => Promise<void>,
    private readonly onError: (message: string) => void,
  ) {}

  /** Takes the app's schedules; an unchanged one keeps its next time, a new or changed one counts from now. */
  update(schedules: readonly ScheduleSpec[], now = Date.now()): void {
    const next = new Map<string, Planned>();
    for (const spec of schedules) {
      const current = this.planned.get(spec.key);
      if (current && JSON.stringify(current.spec) === JSON.stringify(spec)) {
        next.set(spec.key, current);
        continue;
      }
      try {
        const planned: Planned = { spec, occurrences: parseScheduleExpression(spec.expression, Math.max(now, spec.startDate ?? now)) };
        // The first occurrence after creation: a rate fires one period after it, not at once.
        this.plan(planned, Math.max(now, spec.startDate ?? now));
        next.set(spec.key, planned);
      } catch (error) {
        this.onError(`Schedule ${spec.name}: ${(error as Error).message}; it does not run locally`);
      }
    }
    this.planned = next;
    this.arm();
  }

  /** When each enabled schedule fires next. */
  upcoming(): { name: string; fireAt: Date }[] {
    return [...this.planned.values()].flatMap((planned) => (planned.next ? [{ name: planned.spec.name, fireAt: new Date(planned.next.fireAt) }] : []));
  }

  /** Fires every occurrence due by `at` (each at most ten times), and waits for their deliveries to start. */
  async runDue(at: number): Promise<Fired[]> {
    const fired: Fired[] = [];
    for (const planned of this.planned.values()) {
      for (let count = 0; planned.next && planned.next.fireAt <= at; count++) {
        const { scheduled } = planned.next;
        if (count < maxCatchUp) {
          fired.push({ name: planned.spec.name, scheduledTime: new Date(scheduled).toISOString() });
          await this.fire(planned.spec, scheduled).catch((error: Error) => this.onError(`Schedule ${planned.spec.name} failed to fire: ${error.message}`));
        }
        this.plan(planned, scheduled);
      }
    }
    this.arm();
    return fired;
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private plan(planned: Planned, after: number) {
    const { spec } = planned;
    const scheduled = spec.enabled ? planned.occurrences.after(after) : undefined;
    if (scheduled === undefined || (spec.endDate !== undefined && scheduled > spec.endDate)) {
      planned.next = undefined;
      return;
    }
    const flex = spec.flexibleWindowMinutes * 60_000;
    planned.next = { scheduled, fireAt: scheduled + (flex > 0 ? randomInt(flex) : 0) };
  }

  private arm() {
    clearTimeout(this.timer);
    if (!this.running) return;
    const soonest = Math.min(...[...this.planned.values()].flatMap((planned) => (planned.next ? [planned.next.fireAt] : [])));
    if (!Number.isFinite(soonest)) return;
    this.timer = setTimeout(() => void this.runDue(Date.now()), Math.min(Math.max(0, soonest - Date.now()), maxTimerMs));
    this.timer.unref();
  }
}
