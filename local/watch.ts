import { type FSWatcher, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { SourceFiles } from './source-files';

export interface SourceWatcher {
  close(): void;
}

/** How long a burst of changes may pause before it counts as over: an editor's save is a few events within milliseconds. */
const settleMs = 50;

const kindOf = (path: string): 'file' | 'directory' | 'gone' => {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'gone';
  }
};

/**
 * Watches the CDK app's sources as `cdk watch` selects them (cdk.json's `watch` globs, see
 * `SourceFiles`) and calls back once per burst of changes with the files that changed, relative to the
 * project. Each directory that may hold sources is watched on its own, not each file: a file replaced
 * by a rename (written next to it, then renamed over it, as `sed -i` and many editors save) is a new
 * file to a watch on the file itself, but the same name to a watch on its directory, so its later
 * changes are still seen. A file that appears and goes within one burst (an editor's temporary file)
 * is no change; one that existed before and is gone is.
 */
export const watchSources = (projectDirectory: string, onChange: (files: string[]) => void): SourceWatcher => {
  const sources = new SourceFiles(projectDirectory);
  const { files, directories } = sources.walk();
  const known = new Set(files);
  const watchers = new Map<string, FSWatcher>();
  let touched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const settle = () => {
    const changed: string[] = [];
    for (const file of touched) {
      const kind = kindOf(join(projectDirectory, file));
      if (kind === 'file') {
        known.add(file);
        changed.push(file);
      } else if (kind === 'gone' && known.delete(file)) changed.push(file);
    }
    touched = new Set();
    if (changed.length > 0 && !closed) onChange(changed.sort());
  };

  const touch = (file: string) => {
    touched.add(file);
    clearTimeout(timer);
    timer = setTimeout(settle, settleMs);
  };

  const watchDirectory = (directory: string) => {
    if (watchers.has(directory)) return;
    try {
      const watcher = watch(join(projectDirectory, directory), (_event, name) => {
        if (name) onEntry(directory, String(name));
        else for (const file of known) if (file.startsWith(directory ? `${directory}/` : '')) touch(file);
      });
      watcher.on('error', () => unwatch(directory));
      watchers.set(directory, watcher);
    } catch {
      // It went before it could be watched: its parent's watch reports that.
    }
  };

  const unwatch = (directory: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched !== directory && !watched.startsWith(`${directory}/`)) continue;
      watcher.close();
      watchers.delete(watched);
    }
  };

  const onEntry = (directory: string, name: string) => {
    const path = directory ? `${directory}/${name}` : name;
    const kind = kindOf(join(projectDirectory, path));
    if (kind === 'directory') {
      if (!sources.mayContain(path) || watchers.has(path)) return;
      // A directory moved or copied in: its files are new.
      const moved = sources.walk(path);
      for (const inner of moved.directories) watchDirectory(inner);
      for (const file of moved.files) touch(file);
    } else if (kind === 'gone' && watchers.has(path)) {
      unwatch(path);
      for (const file of known) if (file.startsWith(`${path}/`)) touch(file);
    } else if (sources.includes(path)) touch(path);
  };

  for (const directory of directories) watchDirectory(directory);
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
};
