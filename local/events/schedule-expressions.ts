import AwsCronParser from 'aws-cron-parser';

const units: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** The times a schedule expression names, one after another. */
export interface Occurrences {
  /** The first occurrence strictly after `after` (ms since the epoch), or undefined when there is none. */
  after(after: number): number | undefined;
}

/**
 * EventBridge's and Scheduler's schedule expressions: `rate(<n> minute|minutes|hour|hours|day|days)`
 * counted from `anchor` (when the rule or schedule was created), `cron(<min> <hour> <day-of-month>
 * <month> <day-of-week> <year>)` in UTC with AWS's `?`, `L`, `W` and `#` (through aws-cron-parser),
 * and Scheduler's one-time `at(yyyy-mm-ddThh:mm:ss)`.
 */
export const parseScheduleExpression = (expression: string, anchor: number): Occurrences => {
  const rate = /^rate\(\s*(\d+)\s+(\w+)\s*\)$/.exec(expression);
  if (rate) {
    const period = Number(rate[1]) * (units[rate[2]!] ?? NaN);
    if (!(period > 0)) throw new Error(`${expression} is not a valid rate expression`);
    return { after: (after) => anchor + (Math.floor((after - anchor) / period) + 1) * period };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) {
    const parsed = AwsCronParser.parse(cron[1]!.trim());
    return { after: (after) => AwsCronParser.next(parsed, new Date(Math.floor(after / 1000) * 1000 + 1000))?.getTime() };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (at) {
    const once = Date.parse(`${at[1]}Z`);
    return { after: (after) => (once > after ? once : undefined) };
  }
  throw new Error(`${expression} is not a schedule expression (rate(...), cron(...) or at(...))`);
};
