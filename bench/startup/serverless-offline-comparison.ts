import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../local/emulators/free-port';
import { applyLoad, type LoadFigures } from '../gateway-latency/load';
import { treeRssMiB } from '../support/process-cpu';
import { type ServedProcess, startServed } from '../support/served-process';

/** One tool serving the one-route app (bench/one-route): how soon it answers, what it holds idle, what it serves. */
export interface ServedFigures {
  readonly tool: string;
  /** Seconds from the command to the first 200, per start (for this runtime: with the app synthesized before). */
  readonly readySeconds: number[];
  /** The first start of this runtime, which synthesizes the app. */
  readonly firstReadySeconds?: number;
  /** Resident memory of the whole process tree, 2 s after its first answer, in MiB. */
  readonly idleMiB: number;
  readonly load: LoadFigures[];
}

export interface ComparisonSettings {
  readonly starts: number;
  readonly loadSeconds: number;
  readonly connections: number[];
}

const route = '/hello';
const settleMs = 2000;
const serverlessDirectory = (projectDirectory: string) => join(projectDirectory, 'bench', 'serverless-offline');

/** serverless-offline is the benchmark's own dependency (bench/serverless-offline/package.json): installed on first need, from its lock. */
const installServerlessOffline = (directory: string) => {
  if (existsSync(join(directory, 'node_modules', 'serverless-offline', 'package.json'))) return;
  console.error('[bench] installing serverless 3.40.0 and serverless-offline 13.10.1 for the comparison (once, into bench/serverless-offline/node_modules)...');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
};

const measureServed = async (tool: string, start: (port: number) => Promise<ServedProcess>, settings: ComparisonSettings, firstReadySeconds?: number): Promise<ServedFigures> => {
  const readySeconds: number[] = [];
  for (let run = 0; run < settings.starts; run++) {
    const port = await freePort();
    const served = await start(port);
    readySeconds.push(served.readySeconds);
    if (run < settings.starts - 1) {
      await served.stop();
      continue;
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const idleMiB = treeRssMiB(served.pid);
      const load: LoadFigures[] = [];
      for (const connections of settings.connections) load.push(await applyLoad(`http://localhost:${port}${route}`, connections, settings.loadSeconds));
      return { tool, readySeconds, firstReadySeconds, idleMiB, load };
    } finally {
      await served.stop();
    }
  }
  throw new Error('no start measured');
};

/**
 * The same one-route app with a single function and no AWS resource, on the same handler, served by
 * this runtime (`npm start`'s command, watching as it does) and by serverless-offline (serverless
 * 3.40.0, serverless-offline 13.10.1): start-up, idle memory, throughput at 1 and 16 connections.
 */
export const compareWithServerlessOffline = async (projectDirectory: string, workDirectory: string, settings: ComparisonSettings) => {
  const slsDirectory = serverlessDirectory(projectDirectory);
  installServerlessOffline(slsDirectory);
  const localDirectory = join(workDirectory, 'one-route-local');
  const runtime = (port: number) =>
    startServed(process.execPath, ['--import', 'tsx', 'local/cli.ts', '--app', 'tsx bench/one-route/app.ts', '--aws-port', '0', '--local-dir', localDirectory], {
      cwd: projectDirectory,
      env: { ...process.env, PORT: String(port), NO_COLOR: '1' },
      readyUrl: `http://localhost:${port}${route}`,
    });
  const serverlessOffline = async (port: number) =>
    startServed(
      process.execPath,
      [join(slsDirectory, 'node_modules', 'serverless', 'bin', 'serverless.js'), 'offline', 'start', '--httpPort', String(port), '--lambdaPort', String(await freePort()), '--noPrependStageInUrl'],
      {
        cwd: slsDirectory,
        // Offline and quiet: no telemetry, update notices or deprecation checks reaching for the network.
        env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*' },
        readyUrl: `http://localhost:${port}${route}`,
      },
    );
  // This runtime's first start synthesizes the app; the starts measured after it reuse it, as a person's next `npm start` does.
  const first = await runtime(await freePort());
  await first.stop();
  return {
    runtime: await measureServed('this runtime (`npm start`)', runtime, settings, first.readySeconds),
    serverlessOffline: await measureServed('serverless-offline 13.10.1', serverlessOffline, settings),
  };
};

export type ServerlessOfflineComparison = Awaited<ReturnType<typeof compareWithServerlessOffline>>;
