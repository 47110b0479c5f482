import type { LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { assumedRoleArn, functionAccessKeyId } from '../../local/front-door/callers';
import { localCredentials } from '../../local/lambda/environment-variables';
import { type Context, named } from './conformance-context';
import { callAsFunction, operatorLambda, takeWarning } from './support/aws-caller';

/** What this machine's environment holds while the runtime starts; none of it may reach a function. */
export const machineCredentials = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_PROFILE: 'production',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/credentials',
};

/** Every AWS endpoint a function resolves is the runtime's front door, and only the function's own credentials reach it. */
export const frontDoorCases = (context: Context) =>
  describe('The AWS front door', () => {
    let lambda: LambdaClient;
    const caller = () => named(context().runtime.model.functions, 'AwsCaller');

    beforeAll(() => {
      lambda = operatorLambda(context().runtime);
    });
    afterAll(() => lambda.destroy());

    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    it('gives a function its role\'s own credentials and the front door as every endpoint, and nothing of this machine\'s', async () => {
      const { variables, credentials } = (await callAsFunction(lambda, caller().name, { call: 'environment' })) as unknown as {
        variables: Record<string, string>;
        credentials: { accessKeyId: string; sessionToken?: string };
      };
      expect(credentials.accessKeyId).toBe(functionAccessKeyId(caller().name));
      expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(credentials.sessionToken).toBeDefined();
      expect(variables.AWS_ENDPOINT_URL).toBe(context().runtime.awsEndpoint);
      expect(variables.AWS_ENDPOINT_URL_SNS).toBe(context().runtime.awsEndpoint);
      for (const value of Object.values(machineCredentials)) expect(Object.values(variables)).not.toContain(value);
      expect(variables).not.toHaveProperty('AWS_PROFILE');
      expect(variables).not.toHaveProperty('AWS_CONTAINER_CREDENTIALS_FULL_URI');
      expect(variables.AWS_EC2_METADATA_DISABLED).toBe('true');
    });

    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    it('fails a call to a service it does not emulate at once, naming the service and the call, and says so in the log', async () => {
      const answer = await callAsFunction(lambda, caller().name, { call: 'ssm GetParameter', input: { Name: '/shop/some-parameter' } });
      expect(answer.ok).toBe(false);
      // One attempt: the SDK does not retry it.
      expect(answer.error).toMatchObject({ name: 'NotEmulatedLocally', status: 400, attempts: 1 });
      expect(answer.error!.message).toContain('does not emulate ssm GetParameter');
      expect(takeWarning(context().log, /called ssm GetParameter, which is not emulated locally/)).toContain(caller().name);
    });

    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    it("answers STS GetCallerIdentity with the function's role session, and with the account's root for the local operator", async () => {
      const answer = await callAsFunction(lambda, caller().name, { call: 'sts GetCallerIdentity', input: {} });
      expect(answer.output).toEqual({ Account: '000000000000', Arn: assumedRoleArn(caller().roleArn, caller().name), UserId: expect.stringMatching(new RegExp(`^AROA[A-Z0-9]{1,17}:${caller().name}$`)) });
      const sts = new STSClient({ endpoint: context().runtime.awsEndpoint, region: context().runtime.region, credentials: localCredentials });
      try {
        expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
        await expect(sts.send(new AssumeRoleCommand({ RoleArn: caller().roleArn, RoleSessionName: 'probe' }))).rejects.toMatchObject({ name: 'NotEmulatedLocally' });
      } finally {
        sts.destroy();
      }
      takeWarning(context().log, /the local operator called sts AssumeRole, which is not emulated locally/);
    });
  });
