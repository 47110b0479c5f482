/**
 * Runs in every e2e test file before its tests: gives the standard SDK variables (AWS_REGION,
 * AWS_ENDPOINT_URL_SQS, ...) the values the global setup left under `E2E_LOCAL_`, so a test's SDK client
 * talks to the local runtime's emulators. Jest gives each test file its own copy of process.env, so
 * this changes nothing for other projects. Against a target named by API_URL there is nothing to map.
 */
export const localPrefix = 'E2E_LOCAL_';

for (const [name, value] of Object.entries(process.env)) {
  if (name.startsWith(localPrefix) && value !== undefined) process.env[name.slice(localPrefix.length)] = value;
}
