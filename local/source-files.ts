import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { readJsonFile } from './json-file';

/** cdk.json's `watch`: globs relative to the project, as `cdk watch` reads them. */
interface WatchSettings {
  readonly include?: string | string[];
  readonly exclude?: string | string[];
}

/** Files whose change always means a new synthesis, whatever `watch` says: the app's command, context and watch settings. */
export const settingsFiles = ['cdk.json', 'cdk.context.json'];

/** Never part of the app's sources (the CDK CLI excludes them too), nor this runtime's own state. */
const alwaysExcluded = ['cdk.out/**', '.local/**', '**/.*', '**/.*/**', '**/node_modules/**'];

const listOf = (patterns: string | string[] | undefined) => (patterns === undefined ? [] : Array.isArray(patterns) ? patterns : [patterns]);

/** A pattern without glob characters names a directory or a file: `lib` is `lib/**`, which matches `lib` itself too. */
const normalize = (pattern: string) => (/[*?[{]/.test(pattern) ? pattern : `${pattern.replace(/\/+$/, '')}/**`);

/** `a/b/*.ts` → `a`, `a/b`, `a/b/*.ts`: the directories a walk must enter to reach what the pattern matches. */
const directoryPrefixes = (pattern: string) => pattern.split('/').map((_, index, segments) => segments.slice(0, index + 1).join('/'));

/** A symbolic link to a file counts as the file; links to directories are not followed (they could loop). */
const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const readWatchSettings = (projectDirectory: string): WatchSettings | undefined => {
  return readJsonFile<{ watch?: WatchSettings }>(join(projectDirectory, 'cdk.json'))?.watch;
};

/**
 * The CDK app's sources, as `cdk watch` selects them: cdk.json's `watch.include` globs (default `**`)
 * minus `watch.exclude`, the output directory, dotfiles and node_modules. Paths are relative to the
 * project, with `/`.
 */
export class SourceFiles {
  private readonly included: picomatch.Matcher;
  private readonly excluded: picomatch.Matcher;
  private readonly enterable: picomatch.Matcher;

  constructor(readonly projectDirectory: string) {
    const settings = readWatchSettings(projectDirectory);
    const include = listOf(settings?.include).map(normalize);
    const includePatterns = include.length > 0 ? include : ['**'];
    const options = { dot: true };
    this.included = picomatch(includePatterns, options);
    this.excluded = picomatch([...listOf(settings?.exclude).map(normalize), ...alwaysExcluded], options);
    this.enterable = picomatch(includePatterns.flatMap(directoryPrefixes), options);
  }

  /** Whether a change to this file changes the app: it is a source, or cdk.json / cdk.context.json. */
  includes(file: string): boolean {
    return settingsFiles.includes(file) || (this.included(file) && !this.excluded(file));
  }

  /** Whether a directory may hold sources (the project's root always does: cdk.json). */
  mayContain(directory: string): boolean {
    return directory === '' || (this.enterable(directory) && !this.excluded(directory));
  }

  /** Every source file and the directories that may hold them, walking only directories that may. */
  walk(directory = ''): { files: string[]; directories: string[] } {
    const files: string[] = [];
    const directories: string[] = [];
    const visit = (relative: string) => {
      directories.push(relative);
      for (const entry of readdirSync(join(this.projectDirectory, relative), { withFileTypes: true })) {
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (this.mayContain(path)) visit(path);
        } else if (this.includes(path) && (!entry.isSymbolicLink() || isFile(join(this.projectDirectory, path)))) files.push(path);
      }
    };
    if (existsSync(join(this.projectDirectory, directory))) visit(directory);
    return { files: files.sort(), directories };
  }
}
