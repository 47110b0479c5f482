import type { FunctionSpec } from '../assembly/app-model';
import type { InvocationFaults, RunningInvocation } from '../lambda/function-pool';
import type { KillRule } from './chaos-spec';
import type { Random } from './seeded-random';

/** What the killer needs of the chaos controller. */
export interface KillChoices {
  /** The share rule for this function, if its roll says kill this invocation. */
  chooseKill(fn: FunctionSpec): Random | undefined;
  /** The kills-per-second rules, with each one's random stream. */
  ratedKills(): { rule: KillRule & { perSecond: number }; random: Random }[];
  matches(rule: KillRule, fn: FunctionSpec): boolean;
  /** Counts a kill and writes it to the function's log. */
  killed(invocation: RunningInvocation, when: string): void;
}

/** Until a function has run a few times, an invocation is taken to last this long. */
const firstGuessMs = 50;

/**
 * Kills execution environments (SIGKILL) while they run an invocation, as a crash, an out-of-memory
 * kill or a host failure ends one on Lambda:
 * - a share of invocations, each at a random point of its run: a time drawn up to the function's
 *   typical duration (a moving average), or as it answers if it answers first, so every chosen
 *   invocation dies, some after their handler did all its work but before Lambda got the answer;
 * - or, at so many kills a second, a random invocation among those running (the reproduction).
 */
export class EnvironmentKills implements InvocationFaults {
  private readonly running = new Set<RunningInvocation>();
  private readonly typicalMs = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly choices: KillChoices) {}

  started(invocation: RunningInvocation) {
    const started = Date.now();
    this.running.add(invocation);
    const chosen = this.choices.chooseKill(invocation.fn);
    let pending = chosen !== undefined;
    const killAfterMs = chosen ? chosen() * (this.typicalMs.get(invocation.fn.name) ?? firstGuessMs) : 0;
    const timer =
      chosen &&
      setTimeout(() => {
        pending = false;
        this.kill(invocation, `${Date.now() - started} ms into it`);
      }, killAfterMs);
    const settle = () => {
      pending = false;
      clearTimeout(timer);
    };
    return {
      killBeforeAnswer: () => {
        if (!pending) return false;
        settle();
        this.choices.killed(invocation, 'as it answered');
        return true;
      },
      ended: () => {
        settle();
        this.running.delete(invocation);
        const previous = this.typicalMs.get(invocation.fn.name);
        const duration = Date.now() - started;
        this.typicalMs.set(invocation.fn.name, previous === undefined ? duration : previous * 0.8 + duration * 0.2);
      },
    };
  }

  /** Starts the kills-per-second rules: each waits a random (exponential) time between kills, so they come as a Poisson process. */
  start(): void {
    this.stop();
    this.choices.ratedKills().forEach(({ rule, random }, index) => {
      const schedule = () => {
        this.timers[index] = setTimeout(() => {
          const candidates = [...this.running].filter((invocation) => this.choices.matches(rule, invocation.fn));
          const victim = candidates[Math.floor(random() * candidates.length)];
          if (victim) this.kill(victim, 'a random busy environment');
          schedule();
        }, (-Math.log(1 - random()) / rule.perSecond) * 1000);
        this.timers[index].unref();
      };
      schedule();
    });
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  private kill(invocation: RunningInvocation, when: string) {
    if (invocation.kill()) this.choices.killed(invocation, when);
  }
}
