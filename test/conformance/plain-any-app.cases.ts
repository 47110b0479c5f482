import type { FunctionSpec, FunctionUrlSpec } from '../../local/assembly/app-model';
import { request } from '../e2e/support/http';
import type { PlainAppContext, PlainContext } from './conformance-context';

/** The function the plain app names `name` (`Dev/Notes/<name>`). */
export const functionOf = (plain: PlainAppContext, name: string): FunctionSpec => {
  const fn = plain.runtime.model.functions.find((candidate) => candidate.displayName === `Dev/Notes/${name}`);
  if (!fn) throw new Error(`No function ${name}`);
  return fn;
};

/** The function URL of the function the plain app names `name`. */
export const functionUrlOf = (context: PlainContext, name: string): FunctionUrlSpec => {
  const fn = functionOf(context(), name);
  const url = context().runtime.model.functionUrls.find((candidate) => candidate.functionArn === fn.arn);
  if (!url) throw new Error(`No function URL for ${name}`);
  return url;
};

/**
 * Any CDK app: a stack in a Stage, under a stackName of its own (the CDK's cloud assembly API:
 * https://docs.aws.amazon.com/cdk/v2/guide/stages.html), and values that name local endpoints
 * (CloudFormation's Fn::Join and Fn::GetAtt: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html#aws-resource-lambda-url-return-values).
 */
export const anyAppCases = (context: PlainContext) =>
  describe('Any CDK app', () => {
    it('runs the stack of a Stage under its stackName, and names it by its construct path', () => {
      const { functions } = context().runtime.model;
      expect(functions.length).toBeGreaterThanOrEqual(10);
      for (const fn of functions) {
        expect(fn.name).toMatch(/^plain-notes-/);
        expect(fn.displayName).toMatch(/^Dev\/Notes\//);
      }
    });

    it("gives a function its REST API's URL and its function URLs, built by the CDK from ids, as local URLs", async () => {
      const { runtime } = context();
      const links = await request<{ api: string; publicUrl: string; privateUrl: string }>(runtime.url, 'GET', '/links');
      expect(links.status).toBe(200);
      expect(links.body).toEqual({
        api: `${runtime.url}/`,
        publicUrl: functionUrlOf(context, 'VersionOn24').url,
        privateUrl: functionUrlOf(context, 'PrivateEcho').url,
      });
      expect((await fetch(links.body.publicUrl)).status).toBe(200);
    });

    it('names what it does not emulate, and serves what it does', () => {
      const { notEmulated, warnings } = context().runtime.model;
      expect(notEmulated.get('AWS::ApiGateway::Account')).toBe(1);
      for (const served of ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Authorizer', 'AWS::Lambda::Url']) {
        expect(notEmulated.has(served)).toBe(false);
      }
      expect(warnings.filter((warning) => /API_URL|PUBLIC_URL|PRIVATE_URL|not served/.test(warning))).toEqual([]);
    });
  });
