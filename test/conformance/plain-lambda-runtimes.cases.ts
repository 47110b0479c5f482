import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '../e2e/support/http';
import type { PlainContext } from './conformance-context';

const pinnedSdkVersion = (
  JSON.parse(readFileSync(join(__dirname, '../../local/lambda/runtime-packages/aws-sdk/package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies['@aws-sdk/client-dynamodb'];
const ownSdkVersion = (JSON.parse(readFileSync(join(__dirname, '../../node_modules/@aws-sdk/client-dynamodb/package.json'), 'utf8')) as { version: string }).version;

const major = (version: string) => Number(/^v(\d+)\./.exec(version)?.[1]);

/**
 * Lambda's Node.js runtimes (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html): each
 * function on the Node.js major it declares, with the runtime-included AWS SDK for JavaScript v3 on its
 * module path ("Runtime-included SDK versions") for code that does not bring its own.
 */
export const lambdaRuntimeCases = (context: PlainContext) =>
  describe("Lambda's Node.js runtimes", () => {
    const url = () => context().runtime.url;

    it.each([
      ['nodejs20.x', 20, '/node20'],
      ['nodejs22.x', 22, '/echo/version'],
      ['nodejs24.x', 24, '/node24'],
    ])('runs a function that declares %s on Node.js %i', async (_, expected, path) => {
      const response = await request<{ node: string }>(url(), 'GET', path);
      expect(response.status).toBe(200);
      expect(major(response.body.node)).toBe(expected);
    });

    it("gives a bundle that leaves @aws-sdk/* out the SDK that Lambda's runtime provides, at its pinned release", async () => {
      const response = await request<{ sdk: string }>(url(), 'GET', '/node24');
      expect(response.body.sdk).toBe(pinnedSdkVersion);
    });

    it('lets a bundle that carries its own SDK use its own, as module resolution does on Lambda', async () => {
      expect(ownSdkVersion).not.toBe(pinnedSdkVersion);
      const response = await request<{ sdk: string }>(url(), 'GET', '/own-sdk');
      expect(response.body.sdk).toBe(ownSdkVersion);
    });

    it("stores and reads data through the runtime's SDK (a NodejsFunction with default options)", async () => {
      const token = 'allow-sdk-user';
      const created = await request(url(), 'PUT', '/notes/sdk-note', { token, body: 'kept in DynamoDB' });
      expect(created.status).toBe(201);
      const read = await request<{ text: string; author: string }>(url(), 'GET', '/notes/sdk-note', { token });
      expect(read.body).toEqual({ id: 'sdk-note', text: 'kept in DynamoDB', author: 'sdk-user' });
    });
  });
