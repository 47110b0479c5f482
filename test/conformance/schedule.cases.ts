import { eventually } from '../e2e/support/eventually';
import type { Context } from './conformance-context';

interface Recorded {
  readonly event: Record<string, unknown>;
}

/** EventBridge writes times to the second. */
const toTheSecond = (time: Date | string) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Rules with a schedule expression and Scheduler schedules fire their targets at their times (made to come by `schedules.runDue`). */
export const scheduleCases = (context: Context) =>
  describe('Schedules', () => {
    const recorded = () => context().log.observations<Recorded>('recorded').map((observation) => observation.event);
    const upcoming = (name: string) => context().runtime.schedules.upcoming().find((schedule) => schedule.name.includes(name))!.fireAt;

    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
    it('fires a rate(1 minute) rule one minute after it was created, with the Scheduled Event', async () => {
      const rule = context().runtime.model.events.schedules.find((schedule) => schedule.key.includes('EveryMinute'))!;
      const due = upcoming('EveryMinute');
      const fired = await context().runtime.schedules.runDue(due);
      expect(fired.filter((schedule) => schedule.name === rule.name)).toEqual([{ name: rule.name, scheduledTime: due.toISOString() }]);
      // The schedules also run on the clock: the event of this firing is the one with its time.
      const [event] = await eventually(() => {
        const scheduled = recorded().filter((candidate) => candidate['detail-type'] === 'Scheduled Event' && candidate.time === toTheSecond(due));
        expect(scheduled).toHaveLength(1);
        return scheduled;
      });
      expect(event).toMatchObject({ source: 'aws.events', resources: [rule.arn], detail: {} });
      expect(upcoming('EveryMinute').getTime()).toBe(due.getTime() + 60_000);
    });

    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions
    it('fires a cron(0 12 * * ? *) rule at the next noon, UTC, with its target\'s constant input', async () => {
      const noon = upcoming('AtNoon');
      expect([noon.getUTCHours(), noon.getUTCMinutes(), noon.getUTCSeconds()]).toEqual([12, 0, 0]);
      expect(noon.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
      await context().runtime.schedules.runDue(noon);
      await eventually(() => expect(recorded()).toContainEqual({ schedule: 'noon' }));
    });

    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-flexible-time-windows.html
    it('fires a Scheduler schedule within its flexible time window, as its role, with the context attributes of its input', async () => {
      const fireAt = upcoming('Sweep');
      const schedule = context().runtime.model.events.schedules.find((candidate) => candidate.key.includes('Sweep'))!;
      const fired = await context().runtime.schedules.runDue(new Date(fireAt.getTime()));
      const scheduledTime = fired.find((candidate) => candidate.name === schedule.name)!.scheduledTime;
      // Up to ten minutes after the scheduled time.
      expect(fireAt.getTime() - Date.parse(scheduledTime)).toBeGreaterThanOrEqual(0);
      expect(fireAt.getTime() - Date.parse(scheduledTime)).toBeLessThan(10 * 60_000);
      await eventually(() => expect(recorded()).toContainEqual({ schedule: 'sweep', scheduledTime: toTheSecond(scheduledTime) }));
    });
  });
