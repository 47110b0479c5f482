import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Written last: a folder without it is a partial install. */
const installedMarker = '.installed';

/** npm, with no install scripts and no output but errors: what a pinned folder installs is only files. */
export const npm = (args: string[], cwd: string) =>
  run('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    // This process's own settings (npm_config_registry, npm_config_cache, ...), read when npm starts.
    env: process.env,
    shell: process.platform === 'win32',
    maxBuffer: 16 * 1024 * 1024,
  });

/** Where a pinned folder's install lives: its name and the hash of its lock file, so a changed lock installs afresh. */
const installedPath = (source: string, cacheRoot: string): string => {
  const lock = readFileSync(join(source, 'package-lock.json'));
  return join(cacheRoot, `${basename(source)}-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
};

/** The folder's install, if it is complete. */
export const installedIfPresent = (source: string, cacheRoot: string): string | undefined => {
  const target = installedPath(source, cacheRoot);
  return existsSync(join(target, installedMarker)) ? target : undefined;
};

/**
 * Installs a folder of the repository that holds only a package.json and its lock (`npm ci`: the exact
 * versions and integrity hashes of the lock) into the cache (callers ask `installedIfPresent` first). The
 * install happens in a folder of its own and is renamed into place, so two runtimes starting at the same
 * time never see half an install. Older installs of the same folder are removed. npm skips an optional
 * dependency it cannot fetch: `required` names the packages whose absence fails the install.
 */
export const installPackageFolder = async (source: string, cacheRoot: string, required: string[] = []): Promise<string> => {
  const target = installedPath(source, cacheRoot);
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(partial, { recursive: true });
  try {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(source, file), join(partial, file));
    await npm(['ci', '--omit=dev'], partial);
    const missing = required.filter((name) => !existsSync(join(partial, 'node_modules', name, 'package.json')));
    if (missing.length > 0) throw new Error(`npm could not fetch ${missing.join(', ')} (is the npm registry reachable?)`);
    writeFileSync(join(partial, installedMarker), new Date().toISOString());
    if (existsSync(join(target, installedMarker))) return target;
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`npm ci of ${source} failed: ${(stderr || (error as Error).message).trim()}`, { cause: error });
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  for (const entry of readdirSync(cacheRoot)) {
    const outdated = entry.startsWith(`${basename(source)}-`) && !entry.includes('.partial-') && join(cacheRoot, entry) !== target;
    if (outdated) rmSync(join(cacheRoot, entry), { recursive: true, force: true });
  }
  return target;
};
