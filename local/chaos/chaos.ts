import type { FunctionSpec } from '../assembly/app-model';
import type { FrontDoorStage } from '../front-door/service-call';
import type { RunningInvocation } from '../lambda/function-pool';
import { callFaults } from './call-faults';
import {
  type CallFaultRule,
  type ChaosRule,
  type ChaosSpec,
  describeRule,
  type FaultKind,
  faultKinds,
  formatChaosSpec,
  type KillRule,
  targetMatches,
} from './chaos-spec';
import { EnvironmentKills } from './environment-kills';
import { type Random, SeededRandom } from './seeded-random';

export type FaultCounts = Record<FaultKind, number>;

export interface ChaosOptions {
  /** The app's functions as they run now. */
  readonly functions: () => readonly FunctionSpec[];
  /** Writes a line to a function's log: a kill shows where the function's own lines stop. */
  readonly functionLine: (fn: FunctionSpec, line: string) => void;
}

const noFaults = (): FaultCounts => Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as FaultCounts;

const isCallFault = (rule: ChaosRule): rule is CallFaultRule => rule.kind !== 'kill' && rule.kind !== 'duplicate';

/**
 * Fault injection for the local runtime (`--chaos`, docs/local-runtime.md): which faults are on, the
 * random choices (seeded), and how many of each were injected. Its three parts plug into the runtime:
 * a front door stage (faults on functions' AWS calls), the function pools' invocation hook (kills),
 * and the SQS pollers (duplicate deliveries). Off, each lets everything through.
 */
export class Chaos {
  readonly frontDoorStage: FrontDoorStage;
  readonly kills: EnvironmentKills;
  private current?: ChaosSpec;
  private random = new SeededRandom(0);
  private tally = noFaults();

  constructor(private readonly options: ChaosOptions) {
    this.frontDoorStage = callFaults({ choose: (functionName) => this.chooseCallFault(functionName) });
    this.kills = new EnvironmentKills({
      chooseKill: (fn) => this.chooseKill(fn),
      ratedKills: () =>
        this.rules()
          .filter((rule): rule is KillRule & { perSecond: number } => rule.kind === 'kill' && 'perSecond' in rule)
          .map((rule) => ({ rule, random: this.streamOf(rule, 'every-second') })),
      matches: (rule, fn) => this.matches(rule, fn),
      killed: (invocation, when) => this.killed(invocation, when),
    });
  }

  /** The faults on now (none: off). */
  get spec(): ChaosSpec | undefined {
    return this.current;
  }

  /** Turns faults on (or changes them), or off with `undefined`; the counts go on. */
  set(spec: ChaosSpec | undefined): void {
    this.current = spec && spec.rules.length > 0 ? spec : undefined;
    this.random = new SeededRandom(spec?.seed ?? 0);
    this.kills.start();
  }

  /** How many faults of each kind were injected since the start. */
  counts(): FaultCounts {
    return { ...this.tally };
  }

  /** What is on, one line per fault, and how to repeat the run's choices. */
  describe(): string[] {
    if (!this.current) return [];
    return [...this.current.rules.map(describeRule), `to repeat these choices: --chaos ${formatChaosSpec(this.current)}`];
  }

  /** Targets (`@name`) that name no function of the app: probably a typo. */
  unmatchedTargets(): string[] {
    const functions = this.options.functions();
    return [...new Set(this.rules().flatMap((rule) => (rule.target && !functions.some((fn) => this.matches(rule, fn)) ? [rule.target] : [])))];
  }

  /** Which of a batch's messages the SQS poller also hands to a second invocation, at the same time. */
  readonly duplicates = <M>(functionArn: string, messages: readonly M[]): M[] => {
    if (!this.current) return [];
    const fn = this.options.functions().find((candidate) => candidate.arn === functionArn || candidate.name === functionArn);
    const rule = fn && this.rules().find((candidate) => candidate.kind === 'duplicate' && this.matches(candidate, fn));
    if (!fn || !rule || rule.kind !== 'duplicate') return [];
    const random = this.streamOf(rule, fn.name);
    const twice = messages.filter(() => random() < rule.share);
    this.tally.duplicate += twice.length;
    return twice;
  };

  stop(): void {
    this.kills.stop();
  }

  private rules(): readonly ChaosRule[] {
    return this.current?.rules ?? [];
  }

  private matches(rule: ChaosRule, fn: FunctionSpec): boolean {
    return rule.target === undefined || targetMatches(rule.target, fn.displayName);
  }

  private streamOf(rule: ChaosRule, name: string): Random {
    return this.random.stream(`${rule.kind}@${rule.target ?? ''}/${name}`);
  }

  private chooseCallFault(functionName: string) {
    // Off, every AWS call passes here: nothing to look up.
    if (!this.current) return undefined;
    const fn = this.options.functions().find((candidate) => candidate.name === functionName);
    if (!fn) return undefined;
    for (const rule of this.rules()) {
      if (!isCallFault(rule) || !this.matches(rule, fn)) continue;
      const random = this.streamOf(rule, fn.name);
      if (random() >= rule.share) continue;
      this.tally[rule.kind]++;
      return { rule, random };
    }
    return undefined;
  }

  private chooseKill(fn: FunctionSpec): Random | undefined {
    const rule = this.rules().find((candidate) => candidate.kind === 'kill' && 'share' in candidate && this.matches(candidate, fn));
    if (!rule || !('share' in rule)) return undefined;
    const random = this.streamOf(rule, fn.name);
    return random() < rule.share ? random : undefined;
  }

  private killed(invocation: RunningInvocation, when: string) {
    this.tally.kill++;
    this.options.functionLine(invocation.fn, `${new Date().toISOString()} RequestId: ${invocation.requestId} chaos: execution environment killed (SIGKILL) ${when}`);
  }
}
