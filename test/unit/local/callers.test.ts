import type { FunctionSpec } from '../../../local/assembly/app-model';
import { Callers, functionAccessKeyId } from '../../../local/front-door/callers';
import { localCredentials } from '../../../local/lambda/environment-variables';

const fn = { name: 'orders-place', roleArn: 'arn:aws:iam::000000000000:role/OrderService-PlaceOrderRole' } as FunctionSpec;

/** Who holds which key: each function its own role session; anyone else the local operator. */
describe('callers', () => {
  const callers = new Callers('000000000000');
  callers.update([fn]);

  it('knows a function by its own key, as its role\'s session named after it', () => {
    expect(callers.of(functionAccessKeyId(fn.name))).toEqual({
      kind: 'function',
      functionName: fn.name,
      roleArn: fn.roleArn,
      principalArn: 'arn:aws:sts::000000000000:assumed-role/OrderService-PlaceOrderRole/orders-place',
    });
  });

  it('takes any other key for the local operator, the account\'s root', () => {
    expect(callers.of('AKIAANYTHINGELSE')).toEqual({ kind: 'operator', principalArn: 'arn:aws:iam::000000000000:root' });
    expect(callers.of(undefined).kind).toBe('operator');
  });

  it('gives a SigV4 check the secret of a function\'s key and of the operator\'s, and of no other', () => {
    expect(callers.signingCredentials(functionAccessKeyId(fn.name))).toMatchObject({
      secretAccessKey: localCredentials.secretAccessKey,
      principalArn: 'arn:aws:sts::000000000000:assumed-role/OrderService-PlaceOrderRole/orders-place',
    });
    expect(callers.signingCredentials(localCredentials.accessKeyId)).toMatchObject({ principalArn: 'arn:aws:iam::000000000000:root' });
    expect(callers.signingCredentials('AKIAANYTHINGELSE')).toBeUndefined();
  });
});
