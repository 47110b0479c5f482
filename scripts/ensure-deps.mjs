// Runs before `npm start` and `npm test`: installs dependencies from the lock file when they are
// missing or older than package-lock.json, so either command works as the first one on a fresh clone.
// Dependency-free on purpose: it must run before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const lockFile = join(root, 'package-lock.json');
const installedLock = join(root, 'node_modules', '.package-lock.json');

const reason = !existsSync(installedLock)
  ? 'node_modules is missing'
  : statSync(installedLock).mtimeMs < statSync(lockFile).mtimeMs
    ? 'package-lock.json is newer than node_modules'
    : undefined;

if (reason) {
  console.log(`[setup] ${reason}: installing dependencies with \`npm ci\` (once)...`);
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  console.log('[setup] dependencies installed.');
}
