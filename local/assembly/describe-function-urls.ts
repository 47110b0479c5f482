import type { FunctionUrlSpec } from './app-model';
import { describeCors } from './describe-http-apis';
import { UnresolvableError, type TemplateResolver } from './intrinsics';
import { localApiId } from './local-identities';
import { describeOrWarn, type FoundResource, isTrue, resourcesOfType } from './template-resources';

/**
 * Since October 2025 a function URL with auth type NONE answers only when the function's resource policy
 * lets anyone (`*`) call both `lambda:InvokeFunctionUrl` (for auth type NONE) and `lambda:InvokeFunction`
 * (through a function URL); the CDK's `addFunctionUrl` adds both statements.
 */
const publiclyInvokable = (permissions: FoundResource[], functionArn: string) => {
  const sameFunction = (name: string) => name === functionArn || functionArn.endsWith(`:function:${name}`);
  const granted = (action: string, condition: (permission: FoundResource) => boolean) =>
    permissions.some(
      (permission) =>
        sameFunction(String(permission.property('FunctionName'))) &&
        String(permission.property('Principal')) === '*' &&
        String(permission.property('Action')) === action &&
        condition(permission),
    );
  return (
    granted('lambda:InvokeFunctionUrl', (permission) => String(permission.property('FunctionUrlAuthType')) === 'NONE') &&
    granted('lambda:InvokeFunction', (permission) => isTrue(permission.property('InvokedViaFunctionUrl')))
  );
};

const describeFunctionUrl = (url: FoundResource, permissions: FoundResource[], localUrl: (key: string) => string): FunctionUrlSpec => {
  const authType = String(url.property('AuthType'));
  if (authType !== 'NONE' && authType !== 'AWS_IAM') throw new UnresolvableError(`auth type ${authType} is unknown`);
  if (url.property('InvokeMode') === 'RESPONSE_STREAM') throw new UnresolvableError('response streaming (InvokeMode RESPONSE_STREAM) is not emulated');
  if (url.property('Qualifier') !== undefined) throw new UnresolvableError('function URLs of aliases are not emulated (functions have no versions or aliases locally)');
  const functionArn = String(url.property('TargetFunctionArn'));
  return {
    key: url.key,
    functionArn,
    authType,
    publicAccess: authType === 'NONE' && publiclyInvokable(permissions, functionArn),
    url: `${localUrl(url.key)}/`,
    urlId: localApiId(url.stack.name, url.logicalId),
    cors: describeCors(url.property('Cors') as Record<string, unknown> | undefined),
  };
};

/** Lambda function URLs (`AWS::Lambda::Url`), each served on a local port of its own. */
export const describeFunctionUrls = (resolver: TemplateResolver, localUrl: (key: string) => string, warnings: string[]): FunctionUrlSpec[] => {
  const permissions = resourcesOfType(resolver, 'AWS::Lambda::Permission');
  return resourcesOfType(resolver, 'AWS::Lambda::Url')
    .map((url) => describeOrWarn(warnings, `${url.displayName} is not served`, () => describeFunctionUrl(url, permissions, localUrl)))
    .filter((spec): spec is FunctionUrlSpec => spec !== undefined);
};
