// `npm run deploy [-- <Stack> ...] [-- -c key=value ...]`: deploys every stack, or just the named ones
// (without their dependencies, so one service ships on its own), then prints the stack outputs.
// `npm run deploy:localstack [-- <Stack> ...]`: the same against LocalStack, through cdklocal.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const localstack = process.argv.includes('--localstack');
/** Stack names, and options (`-c key=value`, `--profile p`, `--hotswap`, ...) passed on to the CDK CLI. */
const optionsWithValue = new Set(['-c', '--context', '--profile', '--role-arn', '--parameters', '-t', '--tags', '--concurrency']);
const stacks = [];
const cdkOptions = [];
for (const args = process.argv.slice(2).filter((arg) => arg !== '--localstack'); args.length > 0; ) {
  const arg = args.shift();
  if (!arg.startsWith('-')) stacks.push(arg);
  else if (optionsWithValue.has(arg) && args.length > 0) cdkOptions.push(arg, args.shift());
  else cdkOptions.push(arg);
}
const outputsFile = join(root, 'cdk.out', 'outputs.json');

const args = [
  localstack ? 'cdklocal' : 'cdk',
  'deploy',
  ...(stacks.length > 0 ? ['--exclusively', ...stacks] : ['--all']),
  '--outputs-file',
  outputsFile,
  '--require-approval',
  process.env.CI ? 'never' : 'broadening',
  ...cdkOptions,
];
mkdirSync(join(root, 'cdk.out'), { recursive: true });
console.log(`> npx ${args.join(' ')}`);
const { status } = spawnSync('npx', args, {
  cwd: root,
  stdio: 'inherit',
  env: { CDK_DISABLE_VERSION_CHECK: '1', ...process.env },
});
if (status !== 0) process.exit(status ?? 1);

if (existsSync(outputsFile)) {
  console.log('\nStack outputs:');
  for (const [stack, outputs] of Object.entries(JSON.parse(readFileSync(outputsFile, 'utf8')))) {
    for (const [key, value] of Object.entries(outputs)) console.log(`  ${stack}.${key} = ${value}`);
  }
}
