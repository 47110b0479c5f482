import { parseScheduleExpression } from '../../../local/events/schedule-expressions';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

/** "Schedule types on EventBridge Scheduler" and "Schedule expressions for rules". */
describe('schedule expressions', () => {
  it('rate: every period counted from when the schedule was created', () => {
    const rate = parseScheduleExpression('rate(5 minutes)', at('2026-12-01T10:00:30Z'));
    expect(iso(rate.after(at('2026-12-01T10:00:30Z')))).toBe('2026-12-01T10:05:30.000Z');
    expect(iso(rate.after(at('2026-12-01T10:07:00Z')))).toBe('2026-12-01T10:10:30.000Z');
    expect(iso(parseScheduleExpression('rate(1 day)', at('2026-12-01T00:00:00Z')).after(at('2026-12-01T00:00:00Z')))).toBe('2026-12-02T00:00:00.000Z');
  });

  it('cron: AWS\'s six fields in UTC, with ?, L and #', () => {
    expect(iso(parseScheduleExpression('cron(0 12 * * ? *)', 0).after(at('2026-12-01T12:00:00Z')))).toBe('2026-12-02T12:00:00.000Z');
    expect(iso(parseScheduleExpression('cron(0 10 ? * 6L *)', 0).after(at('2026-12-01T00:00:00Z')))).toBe('2026-12-25T10:00:00.000Z');
    expect(iso(parseScheduleExpression('cron(15 8 ? * 2#1 *)', 0).after(at('2026-12-01T00:00:00Z')))).toBe('2026-12-07T08:15:00.000Z');
  });

  it('at: once, and never again', () => {
    const once = parseScheduleExpression('at(2027-01-01T09:30:00)', 0);
    expect(iso(once.after(at('2026-12-01T00:00:00Z')))).toBe('2027-01-01T09:30:00.000Z');
    expect(once.after(at('2027-01-01T09:30:00Z'))).toBeUndefined();
  });

  it('refuses what is not a schedule expression', () => {
    expect(() => parseScheduleExpression('every 5 minutes', 0)).toThrow(/not a schedule expression/);
    expect(() => parseScheduleExpression('rate(5 fortnights)', 0)).toThrow(/not a valid rate/);
  });
});
