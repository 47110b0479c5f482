import { version as sdkVersion } from '@aws-sdk/client-dynamodb/package.json';

/** The Node.js version this function runs on, and the version of the AWS SDK it loads. */
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ node: process.version, sdk: sdkVersion }),
});
