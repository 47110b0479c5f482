import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prettyLog } from '../../../local/logs/pretty-log';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { seedAdmin } from '../../../local/seed-admin';
import { assemblyWithSettings, type DrillSettings } from '../../../bench/support/assembly-variant';
import type { ShopData } from './shop-audit';

export interface DrillRuntime {
  readonly runtime: LocalRuntime;
  readonly admin: { readonly email: string; readonly password: string };
  /** Where its tables are, for audits. */
  readonly data: ShopData;
  /** Where its log goes. */
  readonly logFile: string;
  stop(): Promise<void>;
}

/** The cloud assembly the e2e global setup synthesized, when the suite runs on the local runtime. */
export const e2eAssembly = process.env.E2E_CLOUD_ASSEMBLY;

/**
 * A runtime of its own for a drill, from the e2e run's cloud assembly with the drill's settings (see
 * assemblyWithSettings), so that its sweeps and faults touch no other test's orders. Its log goes to a
 * file in the temporary directory.
 */
export const startDrillRuntime = async (name: string, settings: DrillSettings, chaos?: string): Promise<DrillRuntime> => {
  const workDirectory = mkdtempSync(join(tmpdir(), `e2e-${name}-`));
  const logFile = join(tmpdir(), `e2e-${name}-${process.pid}.log`);
  const logStream = createWriteStream(logFile);
  const admin = { email: `${name}-admin@example.com`, password: `${name}-admin-password` };
  const close = () => {
    logStream.end();
    rmSync(workDirectory, { recursive: true, force: true });
  };
  try {
    const runtime = await startLocalRuntime({
      projectDirectory: join(__dirname, '../../..'),
      assembly: assemblyWithSettings(e2eAssembly!, join(workDirectory, 'cdk.out'), settings),
      port: 0,
      chaos,
      log: prettyLog((text) => logStream.write(text), false),
    });
    await seedAdmin(runtime, admin);
    return {
      runtime,
      admin,
      data: { dynamodbEndpoint: runtime.endpoints.dynamodb, region: runtime.region, tables: runtime.model.tables },
      logFile,
      stop: async () => {
        await runtime.stop();
        close();
      },
    };
  } catch (error) {
    close();
    throw error;
  }
};
