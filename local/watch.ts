import { existsSync, type FSWatcher, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `lib/**` → `lib/`: the runtime watches whole directories and files, not finer globs. */
const prefixOf = (pattern: string) => pattern.replace(/\*.*$/, '');

const alwaysExcluded = ['node_modules/', 'cdk.out/', '.git/'];

/**
 * Watches the CDK app's sources, as `cdk watch` would: the `watch.include` / `watch.exclude` of
 * cdk.json, and calls back once per burst of changes with the files that changed. Only the included
 * directories are watched, never node_modules.
 */
export const watchSources = (projectDirectory: string, onChange: (files: string[]) => void): { close(): void } => {
  const cdkJson = join(projectDirectory, 'cdk.json');
  const settings = (existsSync(cdkJson) ? (JSON.parse(readFileSync(cdkJson, 'utf8')) as { watch?: { include?: string[]; exclude?: string[] } }) : {}).watch;
  const include = (settings?.include ?? ['**']).map(prefixOf);
  const exclude = [...alwaysExcluded, ...(settings?.exclude ?? []).map(prefixOf)];
  const watched = (file: string) =>
    include.some((prefix) => file.startsWith(prefix)) && !exclude.some((prefix) => file.startsWith(prefix)) && !/(^|\/)\./.test(file);

  // The top-level entries an include pattern reaches: `lib/` is `lib`; `**` is everything at the top.
  const roots = new Set(
    include.flatMap((prefix) => {
      const top = prefix.split('/')[0]!;
      return top ? [top] : readdirSync(projectDirectory).filter((entry) => !entry.startsWith('.') && watched(statSync(join(projectDirectory, entry)).isDirectory() ? `${entry}/` : entry));
    }),
  );

  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const root of roots) {
    const path = join(projectDirectory, root);
    if (!existsSync(path)) continue;
    const isDirectory = statSync(path).isDirectory();
    watchers.push(
      watch(path, { recursive: isDirectory }, (_, filename) => {
        const file = relative(projectDirectory, isDirectory && filename ? join(path, filename) : path).split(sep).join('/');
        if (!watched(file)) return;
        changed.add(file);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const files = [...changed];
          changed = new Set();
          onChange(files);
        }, 300);
      }),
    );
  }
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
};
