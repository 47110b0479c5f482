/**
 * The `--chaos` spec (docs/local-runtime.md, "Fault injection"): comma-separated faults, each
 * `<kind>=<how much>[@<function>]`, and an optional `seed=<integer>`:
 *
 *   kill=0.02,throttle=0.05,error=0.02,timeout=0.01,reset=0.01,slow=0.1:200ms,duplicate=0.05,seed=7
 *
 * `all` stands for every fault at those rates; later entries override it (`all,kill=3/s`).
 */

/** Faults on a function's AWS SDK calls, injected at the front door. */
export const callFaultKinds = ['throttle', 'error', 'timeout', 'reset', 'slow'] as const;
export const faultKinds = ['kill', ...callFaultKinds, 'duplicate'] as const;

export type CallFaultKind = (typeof callFaultKinds)[number];
export type FaultKind = (typeof faultKinds)[number];

interface RuleBase {
  /**
   * Only for the functions this names: their display name (`OrderService/HandlePaymentResult`) or its
   * last part (`HandlePaymentResult`), where `*` stands for anything (`OrderService/*`, `Handle*`).
   */
  readonly target?: string;
}

/** Kill a share of invocations at a random point of their run, or random busy environments so many times a second. */
export type KillRule = RuleBase & { readonly kind: 'kill' } & ({ readonly share: number } | { readonly perSecond: number });
export type CallFaultRule = RuleBase & { readonly kind: CallFaultKind; readonly share: number; readonly delayMs?: number };
export type DuplicateRule = RuleBase & { readonly kind: 'duplicate'; readonly share: number };
export type ChaosRule = KillRule | CallFaultRule | DuplicateRule;

export interface ChaosSpec {
  readonly rules: readonly ChaosRule[];
  /** Seeds the random choices: the same seed makes the same choices for the same calls of each function. */
  readonly seed: number;
}

/** What `all` stands for: every fault, at rates a system that survives them must survive. */
export const allFaults = 'kill=0.02,throttle=0.05,error=0.02,timeout=0.01,reset=0.01,slow=0.1:200ms,duplicate=0.05';

const defaultSlowMs = 200;

export class ChaosSpecError extends Error {}

const fail = (entry: string, reason: string): never => {
  throw new ChaosSpecError(`--chaos: ${reason} in "${entry}"`);
};

/** `0.05` or `5%`: a share from 0 to 1. */
const parseShare = (entry: string, text: string): number => {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  const share = percent ? value / 100 : value;
  if (text.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1) {
    fail(entry, `"${text}" is not a share: write one from 0 to 1 (0.05) or a percentage (5%)`);
  }
  return share;
};

/** `200ms`, `1.5s`, or a plain number of milliseconds. */
const parseDuration = (entry: string, text: string): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!match) return fail(entry, `"${text}" is not a duration: write 200ms or 1.5s`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (ms > 60_000) fail(entry, 'a slow-down is at most 60 s');
  return ms;
};

const parseRule = (entry: string, kind: FaultKind, value: string, target: string | undefined): ChaosRule => {
  if (kind === 'kill') {
    const perSecond = /^(\d+(?:\.\d+)?)\/s$/.exec(value);
    if (perSecond) {
      const rate = Number(perSecond[1]);
      if (rate <= 0 || rate > 100) fail(entry, 'kills per second go from above 0 to 100');
      return { kind, perSecond: rate, target };
    }
    if (value.includes('/')) fail(entry, 'kill takes a share of invocations (0.02) or kills per second (3/s)');
    return { kind, share: parseShare(entry, value), target };
  }
  if (kind === 'slow') {
    const [share = '', delay] = value.split(':');
    return { kind, share: parseShare(entry, share), delayMs: delay === undefined ? defaultSlowMs : parseDuration(entry, delay), target };
  }
  if (value.includes(':')) fail(entry, `${kind} takes a share only (${kind}=0.05)`);
  return { kind, share: parseShare(entry, value), target };
};

const parseSeed = (entry: string, value: string): number => {
  if (!/^\d{1,15}$/.test(value)) fail(entry, 'the seed is a whole number');
  return Number(value);
};

/**
 * Reads a `--chaos` spec. An unknown fault, a rate out of range or a fault named twice for the same
 * functions is an error that says what is wrong; `seed` is random (and shown at start-up) unless given.
 */
export const parseChaosSpec = (text: string, randomSeed: () => number = () => Math.floor(Math.random() * 1_000_000)): ChaosSpec => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => (entry === 'all' ? allFaults.split(',') : [entry]));
  if (entries.length === 0) throw new ChaosSpecError(`--chaos needs faults, e.g. --chaos ${allFaults} (or --chaos all)`);
  const rules = new Map<string, ChaosRule>();
  let seed: number | undefined;
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals < 1) fail(entry, 'each fault is kind=rate');
    const name = entry.slice(0, equals);
    const [value = '', target, ...more] = entry.slice(equals + 1).split('@');
    if (name === 'seed') {
      seed = parseSeed(entry, value);
      continue;
    }
    if (!(faultKinds as readonly string[]).includes(name)) fail(entry, `"${name}" is not a fault: the faults are ${faultKinds.join(', ')} (and seed)`);
    if (more.length > 0 || target === '') fail(entry, 'name one function after @');
    // A later entry for the same fault and functions replaces an earlier one (`all,kill=0.1`).
    rules.set(`${name}@${target ?? ''}`, parseRule(entry, name as FaultKind, value, target));
  }
  return { rules: [...rules.values()], seed: seed ?? randomSeed() };
};

/** Each target's pattern, made once: targets are matched on every AWS call and invocation while chaos is on. */
const targetPatterns = new Map<string, RegExp>();
const targetPattern = (target: string): RegExp => {
  let pattern = targetPatterns.get(target);
  if (!pattern) {
    pattern = new RegExp(`^${target.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    targetPatterns.set(target, pattern);
  }
  return pattern;
};

/** Whether a rule's `@target` names a function, by its display name (a construct path). */
export const targetMatches = (target: string, displayName: string): boolean => {
  const pattern = targetPattern(target);
  return pattern.test(displayName) || pattern.test(displayName.slice(displayName.lastIndexOf('/') + 1));
};

const percent = (share: number) => `${Number((share * 100).toFixed(2))} %`;
const scope = (rule: ChaosRule) => (rule.target ? ` of ${rule.target}` : '');

/** One line per fault, for the start-up banner. */
export const describeRule = (rule: ChaosRule): string => {
  switch (rule.kind) {
    case 'kill':
      return 'perSecond' in rule
        ? `kill ${rule.perSecond} busy execution environments${scope(rule)} a second (SIGKILL)`
        : `kill ${percent(rule.share)} of invocations${scope(rule)} at a random point of their run (SIGKILL)`;
    case 'throttle':
      return `throttle ${percent(rule.share)} of AWS calls${scope(rule)} (each service's throttling error)`;
    case 'error':
      return `fail ${percent(rule.share)} of AWS calls${scope(rule)} with a 500 (before or after the service acted)`;
    case 'timeout':
      return `never answer ${percent(rule.share)} of AWS calls${scope(rule)} (before or after the service acted)`;
    case 'reset':
      return `reset the connection of ${percent(rule.share)} of AWS calls${scope(rule)} (before or after the service acted)`;
    case 'slow':
      return `slow ${percent(rule.share)} of AWS calls${scope(rule)} by ${rule.delayMs} ms`;
    case 'duplicate':
      return `deliver ${percent(rule.share)} of SQS messages${scope(rule)} to two invocations at once`;
  }
};

/** The spec written back, seed included: what repeats a run's choices. */
export const formatChaosSpec = (spec: ChaosSpec): string =>
  [
    ...spec.rules.map((rule) => {
      const amount = 'perSecond' in rule ? `${rule.perSecond}/s` : String(rule.share);
      const delay = rule.kind === 'slow' ? `:${rule.delayMs}ms` : '';
      return `${rule.kind}=${amount}${delay}${rule.target ? `@${rule.target}` : ''}`;
    }),
    `seed=${spec.seed}`,
  ].join(',');
