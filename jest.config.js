/**
 * Test projects, run together by `npm test`:
 * - unit:  domain logic and pure helpers, no I/O.
 * - infra: the synthesized templates (aws-cdk-lib/assertions) and the policy checks.
 * - handlers: Lambda handlers invoked in-process against DynamoDB Local and the local emulators.
 * - conformance: the local runtime (local/) against its own small CDK app (test/conformance/app).
 * - e2e: the app over HTTP, against the local runtime (started once) or the API at API_URL.
 */
// The lock file pins AWS SDK releases that support Node 20; their reminder that later ones will not is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log on every request and emit metrics (EMF) to stdout; tests that read them turn them on.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2023' } }] };
const common = {
  transform,
  // @middy/* and jose ship ES modules only; let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: {
    '^#shared/(.*)$': '<rootDir>/functions/shared/$1',
    '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
  },
  testEnvironment: 'node',
};
const withProcesses = { ...common, setupFilesAfterEnv: ['<rootDir>/test/support/busy-machine-timeout.ts'] };

module.exports = {
  // A worker per core, not Jest's default of one fewer (one on 2 cores): the saga's e2e file spends
  // minutes waiting on visibility timeouts and deadlines, which another worker fills with other files.
  maxWorkers: '100%',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    {
      ...withProcesses,
      displayName: 'handlers',
      testMatch: ['<rootDir>/test/handlers/**/*.test.ts'],
      globalSetup: '<rootDir>/test/handlers/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/handlers/setup/global-teardown.ts',
    },
    { ...withProcesses, displayName: 'conformance', testMatch: ['<rootDir>/test/conformance/**/*.test.ts'] },
    {
      ...withProcesses,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/e2e/setup/sdk-environment.ts'],
      globalSetup: '<rootDir>/test/e2e/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/setup/global-teardown.ts',
    },
  ],
};
