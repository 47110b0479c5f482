import type { BuildOptions } from 'esbuild';

/** An esbuild command-line flag this module cannot turn into a build option: the function is rebuilt by a synthesis. */
export class UnsupportedEsbuildArgument extends Error {}

/** The build an esbuild command line describes, as options of esbuild's JavaScript API. */
export interface RecordedBuild {
  readonly options: BuildOptions;
  /** Where the command line writes its metafile (`--metafile=<path>`), if it does. */
  readonly metafile?: string;
}

type Options = Record<string, unknown>;

const camelCase = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** `--flag` alone. */
const booleanFlags = new Set([
  'bundle', 'minify', 'minify-syntax', 'minify-whitespace', 'minify-identifiers', 'keep-names', 'splitting', 'preserve-symlinks',
  'allow-overwrite', 'ignore-annotations', 'jsx-dev', 'jsx-side-effects',
]);
/** `--flag=true|false`. */
const booleanValueFlags = new Set(['tree-shaking', 'sources-content', 'mangle-quoted', 'color']);
/** `--flag=value`. */
const stringFlags = new Set([
  'platform', 'format', 'outfile', 'outdir', 'outbase', 'tsconfig', 'tsconfig-raw', 'log-level', 'charset', 'legal-comments', 'source-root',
  'global-name', 'packages', 'public-path', 'entry-names', 'chunk-names', 'asset-names', 'jsx', 'jsx-factory', 'jsx-fragment', 'jsx-import-source',
]);
const integerFlags = new Set(['log-limit', 'line-limit']);
/** `--flag=a,b,c`. */
const commaListFlags = new Set(['target', 'main-fields', 'conditions', 'resolve-extensions', 'drop-labels']);
/** `--flag:value`, repeatable. */
const repeatedFlags = new Set(['external', 'inject', 'drop', 'pure']);
/** `--flag:key=value`, repeatable. */
const mapFlags = new Set(['define', 'loader', 'alias', 'banner', 'footer', 'out-extension', 'log-override', 'supported']);

const pushTo = (options: Options, key: string, value: unknown) => {
  options[key] = [...((options[key] as unknown[] | undefined) ?? []), value];
};

const setIn = (options: Options, key: string, entry: string, value: unknown) => {
  options[key] = { ...((options[key] as Options | undefined) ?? {}), [entry]: value };
};

const parseFlag = (argument: string, options: Options, found: { metafile?: string }) => {
  const colon = /^--([a-z-]+):(.*)$/.exec(argument);
  if (colon) {
    const [, flag = '', rest = ''] = colon;
    if (repeatedFlags.has(flag)) return pushTo(options, camelCase(flag), rest);
    const equals = rest.indexOf('=');
    if (mapFlags.has(flag) && equals > 0) {
      const value = rest.slice(equals + 1);
      return setIn(options, camelCase(flag), rest.slice(0, equals), flag === 'supported' ? value === 'true' : value);
    }
  }
  const [, flag = '', value] = /^--([a-z-]+)(?:=(.*))?$/s.exec(argument) ?? [];
  const key = camelCase(flag);
  if (value === undefined) {
    if (booleanFlags.has(flag)) return void (options[key] = true);
    if (flag === 'sourcemap') return void (options.sourcemap = true);
  } else {
    if (flag === 'metafile') {
      found.metafile = value;
      return void (options.metafile = true);
    }
    if (flag === 'sourcemap') return void (options.sourcemap = value === 'true' ? true : value === 'false' ? false : value);
    if (booleanValueFlags.has(flag)) return void (options[key] = value === 'true');
    if (stringFlags.has(flag)) return void (options[key] = value);
    if (integerFlags.has(flag)) return void (options[key] = Number(value));
    if (commaListFlags.has(flag)) return void (options[key] = value.split(','));
  }
  throw new UnsupportedEsbuildArgument(`esbuild's ${argument} is not replayed locally`);
};

/**
 * Turns an esbuild command line (the arguments after `esbuild`, as the CDK's NodejsFunction passes
 * them) into the same build for esbuild's JavaScript API, where `context().rebuild()` builds it again
 * incrementally. Positional arguments are entry points (`out=in` names the output). Throws
 * `UnsupportedEsbuildArgument` for a flag it does not know, rather than build something else.
 */
export const buildOfArguments = (args: readonly string[]): RecordedBuild => {
  const options: Options = {};
  const found: { metafile?: string } = {};
  const entryPoints: (string | { in: string; out: string })[] = [];
  for (const argument of args) {
    if (!argument.startsWith('-')) {
      const equals = argument.indexOf('=');
      entryPoints.push(equals > 0 ? { out: argument.slice(0, equals), in: argument.slice(equals + 1) } : argument);
    } else parseFlag(argument, options, found);
  }
  return { options: { ...options, entryPoints } as BuildOptions, metafile: found.metafile };
};
