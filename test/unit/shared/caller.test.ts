import { callerOf, isAdmin } from '../../../functions/shared/caller';
import { Problem } from '../../../functions/shared/problem';
import { httpEvent } from '../../handlers/support/http-event';

describe('callerOf', () => {
  it('reads roles in the shape API Gateway gives array claims', () => {
    const caller = callerOf(httpEvent({ claims: { sub: 'u-1', roles: '[customer admin]' } }));
    expect(caller).toEqual({ userId: 'u-1', roles: ['customer', 'admin'] });
    expect(isAdmin(caller)).toBe(true);
  });

  it('reads roles given as a real array', () => {
    const event = httpEvent({ claims: { sub: 'u-2' } });
    (event.requestContext as unknown as { authorizer: { jwt: { claims: object } } }).authorizer.jwt.claims = {
      sub: 'u-2',
      roles: ['customer'],
    };
    expect(isAdmin(callerOf(event))).toBe(false);
  });

  it('refuses a request without verified claims', () => {
    expect(() => callerOf(httpEvent())).toThrow(Problem);
    expect(() => callerOf(httpEvent({ claims: { sub: '' } }))).toThrow(Problem);
  });
});
