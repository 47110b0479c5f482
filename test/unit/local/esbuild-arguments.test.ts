import { buildOfArguments, UnsupportedEsbuildArgument } from '../../../local/reload/esbuild-arguments';

/** NodejsFunction's esbuild command lines (aws-lambda-nodejs's option mapping) as esbuild's JavaScript API options. */
describe('an esbuild command line as build options', () => {
  it('maps every flag NodejsFunction writes', () => {
    const args = [
      '--bundle', '/app/functions/get.ts', '--target=node22', '--platform=node', '--format=cjs', '--outfile=/out/bundling-temp-1-building/index.js',
      '--minify', '--sourcemap=external', '--sources-content=false', '--external:@aws-sdk/*', '--external:pg-native', '--loader:.png=dataurl',
      '--define:process.env.STAGE="dev"', '--log-level=warning', '--keep-names', '--tsconfig=/app/tsconfig.json', '--metafile=/out/bundling-temp-1-building/index.meta.json',
      '--banner:js=// banner', '--footer:js=// footer', '--main-fields=module,main', '--inject:/app/shim.ts', '--alias:semver=/app/semver.cjs',
    ];
    expect(buildOfArguments(args)).toEqual({
      metafile: '/out/bundling-temp-1-building/index.meta.json',
      options: {
        bundle: true,
        entryPoints: ['/app/functions/get.ts'],
        target: ['node22'],
        platform: 'node',
        format: 'cjs',
        outfile: '/out/bundling-temp-1-building/index.js',
        minify: true,
        sourcemap: 'external',
        sourcesContent: false,
        external: ['@aws-sdk/*', 'pg-native'],
        loader: { '.png': 'dataurl' },
        define: { 'process.env.STAGE': '"dev"' },
        logLevel: 'warning',
        keepNames: true,
        tsconfig: '/app/tsconfig.json',
        metafile: true,
        banner: { js: '// banner' },
        footer: { js: '// footer' },
        mainFields: ['module', 'main'],
        inject: ['/app/shim.ts'],
        alias: { semver: '/app/semver.cjs' },
      },
    });
  });

  it('takes `--sourcemap` alone as `sourcemap: true`', () => {
    expect(buildOfArguments(['--sourcemap']).options.sourcemap).toBe(true);
  });

  it('refuses a flag it does not know rather than build something else', () => {
    expect(() => buildOfArguments(['--bundle', '--watch'])).toThrow(UnsupportedEsbuildArgument);
    expect(() => buildOfArguments(['--serve=8000'])).toThrow("esbuild's --serve=8000 is not replayed locally");
  });
});
