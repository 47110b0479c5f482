import { isDeepStrictEqual } from 'node:util';
import type { FunctionSpec } from '../assembly/app-model';
import type { Invoker } from '../gateway/invoker';
import { FunctionPool, type Invocation, type PoolSettings } from './function-pool';

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or a plain name. */
const functionNameOf = (nameOrArn: string) => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

/** The same code and settings; the code may lie in another synth's directory. */
const sameFunction = (a: FunctionSpec, b: FunctionSpec) =>
  isDeepStrictEqual({ ...a, codeDirectory: undefined }, { ...b, codeDirectory: undefined });

/** Every function of the app, by name, each with its pool of execution environments. */
export class FunctionRegistry implements Invoker {
  private pools = new Map<string, FunctionPool>();
  /** Replaced pools whose busy environments end with their invocation, or at stop at the latest. */
  private readonly retired = new Set<FunctionPool>();

  constructor(private readonly settings: PoolSettings) {}

  get functions(): FunctionSpec[] {
    return [...this.pools.values()].map((pool) => pool.spec);
  }

  /**
   * Takes the app's functions (again, after a reload): a function whose code or settings changed gets
   * fresh environments; an unchanged one keeps its warm ones. Returns the names of the changed ones.
   */
  update(functions: FunctionSpec[]): string[] {
    const next = new Map<string, FunctionPool>();
    const changed: string[] = [];
    for (const spec of functions) {
      const current = this.pools.get(spec.name);
      if (current && sameFunction(current.spec, spec)) {
        next.set(spec.name, current);
        continue;
      }
      if (current) this.retire(current);
      changed.push(spec.displayName);
      next.set(spec.name, new FunctionPool(spec, this.settings));
    }
    for (const [name, pool] of this.pools) if (!next.has(name)) this.retire(pool);
    this.pools = next;
    return changed;
  }

  async invoke(nameOrArn: string, event: unknown): Promise<Invocation> {
    const pool = this.pools.get(functionNameOf(nameOrArn));
    if (pool) return pool.invoke(event);
    return {
      requestId: '-',
      outcome: { ok: false, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${nameOrArn}` } },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pools.values(), ...this.retired].map((pool) => pool.stop()));
  }

  private retire(pool: FunctionPool) {
    pool.retire();
    this.retired.add(pool);
  }
}
