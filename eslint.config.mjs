import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // functions/shared/gen: TypeScript that protoc-gen-es generates from proto/ (npm run generate:rpc).
  { ignores: ['node_modules/', 'cdk.out/', '**/cdk.out/', 'coverage/', '.local/', 'functions/shared/gen/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', __dirname: 'readonly', module: 'writable', require: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['functions/**'],
    rules: {
      // Handlers log through the Powertools Logger only: structured, with correlation ids.
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/local/**', '**/lib/**'], message: 'functions/ must not depend on the local runtime or the CDK code.' },
            // The chained API of `zod` puts all of it (440 KiB) in every bundle; see functions/shared/zod.ts.
            { regex: '^zod(/.*)?$', message: "Import zod as `import * as z from '#shared/zod'`: zod/mini with zod's messages, tree-shaken." },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/shared/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**', 'local/**', 'test/**', 'bench/**', '**/*.mjs', '**/*.cjs', '**/*.js'],
    rules: { 'no-console': 'off' },
  },
);
