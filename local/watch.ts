import { existsSync, readFileSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `lib/**` → `lib/`: the runtime watches whole directories and files, not finer globs. */
const prefixOf = (pattern: string) => pattern.replace(/\*.*$/, '');

/**
 * Watches the CDK app's sources, as `cdk watch` would: the `watch.include` / `watch.exclude` of
 * cdk.json, and calls back once per burst of changes with the files that changed.
 */
export const watchSources = (projectDirectory: string, onChange: (files: string[]) => void): { close(): void } => {
  const cdkJson = join(projectDirectory, 'cdk.json');
  const settings = (existsSync(cdkJson) ? (JSON.parse(readFileSync(cdkJson, 'utf8')) as { watch?: { include?: string[]; exclude?: string[] } }) : {}).watch;
  const include = (settings?.include ?? ['**']).map(prefixOf);
  const exclude = ['node_modules/', 'cdk.out/', '.git/', ...(settings?.exclude ?? []).map(prefixOf)];
  const watched = (file: string) =>
    include.some((prefix) => file.startsWith(prefix)) && !exclude.some((prefix) => file.startsWith(prefix)) && !/(^|\/)\./.test(file);

  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(projectDirectory, { recursive: true }, (_, filename) => {
    if (!filename) return;
    const file = relative(projectDirectory, join(projectDirectory, filename)).split(sep).join('/');
    if (!watched(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed = new Set();
      onChange(files);
    }, 300);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
};
