import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paymentMaxWaitSeconds } from '../../lib/shop-app';

/** The drill settings a deployment takes from CDK context (README, "Configuration"). */
export interface DrillSettings {
  /** `-c orderTimeoutSeconds=...` */
  readonly orderTimeoutSeconds?: number;
  /** `-c paymentSimulatorFailureRate=...`, `...LatencyMs`, `...ChargedTimeoutRate` */
  readonly paymentSimulator?: { readonly failureRate?: number; readonly latencyMs?: number; readonly chargedTimeoutRate?: number };
}

/** The settings as `-c name=value` takes them. */
export const cdkContextOf = (settings: DrillSettings): Record<string, number> => {
  const context: Record<string, number | undefined> = {
    orderTimeoutSeconds: settings.orderTimeoutSeconds,
    paymentSimulatorFailureRate: settings.paymentSimulator?.failureRate,
    paymentSimulatorLatencyMs: settings.paymentSimulator?.latencyMs,
    paymentSimulatorChargedTimeoutRate: settings.paymentSimulator?.chargedTimeoutRate,
  };
  return Object.fromEntries(Object.entries(context).filter((entry): entry is [string, number] => entry[1] !== undefined));
};

type Template = { Resources: Record<string, { Type: string; Properties?: { Environment?: { Variables?: Record<string, unknown> } } }> };

/** The function environment variables each setting becomes, as lib/ writes them. */
const variablesOf = (settings: DrillSettings): Record<string, string> => {
  const variables: Record<string, number | undefined> = {
    ORDER_TIMEOUT_SECONDS: settings.orderTimeoutSeconds,
    PAYMENT_MAX_WAIT_SECONDS: settings.orderTimeoutSeconds === undefined ? undefined : paymentMaxWaitSeconds(settings.orderTimeoutSeconds),
    PAYMENT_SIMULATOR_FAILURE_RATE: settings.paymentSimulator?.failureRate,
    PAYMENT_SIMULATOR_LATENCY_MS: settings.paymentSimulator?.latencyMs,
    PAYMENT_SIMULATOR_CHARGED_TIMEOUT_RATE: settings.paymentSimulator?.chargedTimeoutRate,
  };
  return Object.fromEntries(Object.entries(variables).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
};

/**
 * A copy of a synthesized cloud assembly (the e2e run's, or the benchmarks', synthesized once) in
 * `directory`, as if it had been synthesized with these settings in CDK context: the functions that
 * read a setting get its new value. Synthesizing again would cost a second synthesis; only environment
 * variables differ. Throws if a setting reaches no function (the variable was renamed in lib/).
 */
export const assemblyWithSettings = (assembly: string, directory: string, settings: DrillSettings): string => {
  cpSync(assembly, directory, { recursive: true });
  const wanted = variablesOf(settings);
  const set = new Set<string>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.template.json'))) {
    const path = join(directory, file);
    const template = JSON.parse(readFileSync(path, 'utf8')) as Template;
    for (const resource of Object.values(template.Resources ?? {})) {
      const variables = resource.Type === 'AWS::Lambda::Function' ? resource.Properties?.Environment?.Variables : undefined;
      for (const [name, value] of Object.entries(wanted)) {
        if (!variables || !(name in variables)) continue;
        variables[name] = value;
        set.add(name);
      }
    }
    writeFileSync(path, JSON.stringify(template));
  }
  const missing = Object.keys(wanted).filter((name) => !set.has(name));
  if (missing.length > 0) throw new Error(`No function of the assembly reads ${missing.join(', ')}`);
  return directory;
};
