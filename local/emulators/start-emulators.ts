import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceEndpoints } from '../lambda/environment-variables';
import { startDynamoDbLocal } from './dynamodb-local';
import type { RunningEmulator } from './emulator-process';
import { freePort } from './free-port';
import { startKinesis } from './kinesis';
import { type RotationInvoker, type SecretsManagerState, startSecretsManager } from './secrets-manager';
import { startSqs } from './sqs';

export type EmulatorName = keyof ServiceEndpoints;

export const emulatorNames: readonly EmulatorName[] = ['dynamodb', 'sqs', 'kinesis', 'secretsManager'];

/** For people: what runs behind each service. */
export const emulatorTitles: Record<EmulatorName, string> = {
  dynamodb: 'DynamoDB Local',
  sqs: 'SQS (fauxqs)',
  kinesis: 'Kinesis (kinesis-local)',
  secretsManager: 'Secrets Manager',
};

export interface EmulatorSettings {
  readonly region: string;
  readonly accountId: string;
  readonly invokeRotation: RotationInvoker;
  /** What queue URLs name: the front door. */
  readonly queueUrlBase?: string;
  /** Each emulator's port; absent or 0: any free port, chosen now. */
  readonly ports?: Partial<Record<EmulatorName, number>>;
  /** Where the emulators keep their data across restarts; without it, data lives in memory. */
  readonly dataDirectory?: string;
  /** Each start, with how long it took. */
  readonly onStarted?: (name: EmulatorName, seconds: number) => void;
}

/**
 * The emulators, each started when first needed (the app's templates name a resource it serves, or a
 * call reaches the front door for its service) and then kept running: an app without tables never
 * starts a JVM. Their ports are fixed when this is created, so every endpoint is known before anything
 * runs. Data lives in memory, or with `dataDirectory` in files each emulator reads back at its next
 * start (see docs/local-runtime.md, "Keeping data").
 */
export class Emulators {
  private readonly running = new Map<EmulatorName, Promise<RunningEmulator & { state?: SecretsManagerState }>>();
  private secretsState?: SecretsManagerState;
  private stopped = false;

  private constructor(
    private readonly settings: EmulatorSettings,
    private readonly ports: Record<EmulatorName, number>,
  ) {}

  static async create(settings: EmulatorSettings): Promise<Emulators> {
    const ports = {} as Record<EmulatorName, number>;
    for (const name of emulatorNames) ports[name] = settings.ports?.[name] || (await freePort());
    if (settings.dataDirectory) mkdirSync(settings.dataDirectory, { recursive: true });
    return new Emulators(settings, ports);
  }

  get endpoints(): ServiceEndpoints {
    return Object.fromEntries(emulatorNames.map((name) => [name, `http://127.0.0.1:${this.ports[name]}`])) as unknown as ServiceEndpoints;
  }

  /** The Secrets Manager emulator's state, once it runs. */
  get secrets(): SecretsManagerState | undefined {
    return this.secretsState;
  }

  isRunning(name: EmulatorName): boolean {
    return this.running.has(name);
  }

  /** Starts those of `names` that do not run yet, and waits until all of them serve. */
  async ensure(...names: EmulatorName[]): Promise<void> {
    await Promise.all(names.map((name) => this.start(name)));
  }

  /** Stops the running emulators not in `keep` (started in case the app needed them; it does not). */
  async stopAllBut(keep: readonly EmulatorName[]): Promise<void> {
    const unneeded = [...this.running.keys()].filter((name) => !keep.includes(name));
    await Promise.all(unneeded.map((name) => this.stopOne(name)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running.keys()].map((name) => this.stopOne(name)));
  }

  private start(name: EmulatorName): Promise<unknown> {
    let starting = this.running.get(name);
    if (!starting && this.stopped) return Promise.reject(new Error(`${emulatorTitles[name]} is not started: the runtime is stopping`));
    if (!starting) {
      const started = performance.now();
      starting = this.launch(name).then((emulator) => {
        if (emulator.state) this.secretsState = emulator.state;
        this.settings.onStarted?.(name, (performance.now() - started) / 1000);
        return emulator;
      });
      this.running.set(name, starting);
      // A failed start may be tried again by the next caller.
      starting.catch(() => this.running.get(name) === starting && this.running.delete(name));
    }
    return starting;
  }

  private async stopOne(name: EmulatorName) {
    const emulator = await this.running.get(name)?.catch(() => undefined);
    this.running.delete(name);
    if (name === 'secretsManager') this.secretsState = undefined;
    await emulator?.stop();
  }

  private launch(name: EmulatorName): Promise<RunningEmulator & { state?: SecretsManagerState }> {
    const { region, accountId, dataDirectory } = this.settings;
    const port = this.ports[name];
    const data = (file: string) => (dataDirectory ? join(dataDirectory, file) : undefined);
    switch (name) {
      case 'dynamodb':
        return startDynamoDbLocal(port, { dataDirectory: data('dynamodb') && mkdir(data('dynamodb')!) });
      case 'sqs':
        return startSqs({ queueUrlBase: this.settings.queueUrlBase, port, stateFile: data('sqs.json') });
      case 'kinesis':
        return startKinesis({ region, accountId, port, dataDirectory: data('kinesis') && mkdir(data('kinesis')!) });
      case 'secretsManager':
        return startSecretsManager({ port, region, accountId, invokeRotation: this.settings.invokeRotation, stateFile: data('secrets-manager.json') });
    }
  }
}

const mkdir = (directory: string) => {
  mkdirSync(directory, { recursive: true });
  return directory;
};
