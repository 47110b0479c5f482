import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../local/emulators/free-port';
import { startServed } from '../support/served-process';

export interface EditFigures {
  /** The handler edited, and the route that serves it. */
  readonly file: string;
  readonly route: string;
  /** Seconds from each save to the first answer with the new code: saved in place, and by renaming a new file over it (`sed -i`, many editors). */
  readonly inPlaceSeconds: number[];
  readonly renameSeconds: number[];
  /** What the runtime logged for the last reload. */
  readonly lastReload: string;
}

const file = 'functions/user/handlers/openid-configuration.ts';
const route = '/.well-known/openid-configuration';
const anchor = "response_types_supported: ['token'],";
const deadlineMs = 60_000;

/**
 * `npm start` (watching) on the shop, then a one-line change to one handler saved again and again,
 * each timed from the save to the first response that carries it. The file gets its own text back at
 * the end, whatever happens.
 */
export const measureEditToServed = async (projectDirectory: string, localDirectory: string, edits: number): Promise<EditFigures> => {
  const port = await freePort();
  const url = `http://localhost:${port}${route}`;
  const served = await startServed(process.execPath, ['--import', 'tsx', 'local/cli.ts', '--aws-port', '0', '--local-dir', localDirectory], {
    cwd: projectDirectory,
    env: { ...process.env, PORT: String(port), NO_COLOR: '1' },
    readyUrl: url,
    // Edits from then on: the start-up report is written, the watcher hooked to the running app.
    readyOutput: /^Watching the app's sources/m,
  });
  const path = join(projectDirectory, file);
  const original = readFileSync(path, 'utf8');
  if (!original.includes(anchor)) throw new Error(`${file} no longer holds ${anchor}: change the benchmark's edit`);
  const timeEdit = async (save: (text: string) => void) => {
    const marker = `edit-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const started = performance.now();
    save(original.replace(anchor, `${anchor} benchmarkEdit: '${marker}',`));
    const deadline = Date.now() + deadlineMs;
    while (!(await fetch(url).then((response) => response.text()).catch(() => '')).includes(marker)) {
      if (Date.now() > deadline) throw new Error(`An edit of ${file} was not served within ${deadlineMs} ms:\n${served.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    // Each save its own burst for the watcher, as a person's saves are.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return seconds;
  };
  try {
    const inPlaceSeconds: number[] = [];
    const renameSeconds: number[] = [];
    for (let edit = 0; edit < edits; edit++) inPlaceSeconds.push(await timeEdit((text) => writeFileSync(path, text)));
    for (let edit = 0; edit < edits; edit++) {
      renameSeconds.push(
        await timeEdit((text) => {
          writeFileSync(`${path}.saving`, text);
          renameSync(`${path}.saving`, path);
        }),
      );
    }
    const lastReload = served.output().split('\n').filter((line) => line.startsWith('Rebuilt ')).at(-1) ?? '';
    return { file, route, inPlaceSeconds, renameSeconds, lastReload };
  } finally {
    writeFileSync(path, original);
    await served.stop();
  }
};
