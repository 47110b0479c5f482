import { createRequire } from 'node:module';

/** The Node.js version this function runs on, and the version of the AWS SDK the runtime gives it. */
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    node: process.version,
    sdk: (createRequire(__filename)('@aws-sdk/client-dynamodb/package.json') as { version: string }).version,
  }),
});
