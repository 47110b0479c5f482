import { checkAccess, consoleCookieName } from '../../../local/console/console-access';

const settings = { token: 'the-token-of-this-start', port: 41000 };
const host = '127.0.0.1:41000';
const cookie = `${consoleCookieName(41000)}=${settings.token}`;
const request = (method: string, url: string, headers: Record<string, string>) => checkAccess({ method, url, headers }, settings);

describe("the console's access check", () => {
  it('refuses a request without the token with 401', () => {
    expect(request('GET', '/', { host })).toMatchObject({ kind: 'refuse', status: 401 });
    expect(request('GET', '/api/overview', { host, cookie: `${consoleCookieName(41000)}=guessed` })).toMatchObject({ kind: 'refuse', status: 401 });
    expect(request('GET', '/?token=guessed', { host })).toMatchObject({ kind: 'refuse', status: 401 });
  });

  it('keeps a token given in the URL in an HttpOnly, SameSite=Strict cookie and drops it from the URL', () => {
    expect(request('GET', `/trail/abc?token=${settings.token}&x=1`, { host })).toEqual({
      kind: 'redirect',
      location: '/trail/abc?x=1',
      cookie: `${consoleCookieName(41000)}=${settings.token}; HttpOnly; SameSite=Strict; Path=/`,
    });
  });

  it('lets in the cookie and the bearer token', () => {
    expect(request('GET', '/api/overview', { host, cookie: `other=1; ${cookie}` })).toEqual({ kind: 'allow' });
    expect(request('GET', '/api/overview', { host: 'localhost:41000', authorization: `Bearer ${settings.token}` })).toEqual({ kind: 'allow' });
  });

  it('refuses another host name (DNS rebinding) even with the token', () => {
    expect(request('GET', '/api/overview', { host: 'attacker.example:41000', cookie })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(request('GET', '/api/overview', { authorization: `Bearer ${settings.token}` })).toMatchObject({ kind: 'refuse', status: 403 });
  });

  it("refuses other sites' pages, and a change by cookie that does not say it comes from the console", () => {
    expect(request('POST', '/api/queues/q/purge', { host, cookie, origin: 'http://attacker.example' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(request('GET', '/api/overview', { host, cookie, 'sec-fetch-site': 'cross-site' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(request('GET', '/api/overview', { host, cookie, 'sec-fetch-site': 'same-site' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(request('POST', '/api/queues/q/purge', { host, cookie })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(request('POST', '/api/queues/q/purge', { host, cookie, origin: `http://${host}` })).toEqual({ kind: 'allow' });
    expect(request('POST', `/api/queues/q/purge?token=${settings.token}`, { host, origin: `http://${host}` })).toMatchObject({ kind: 'refuse', status: 401 });
  });
});
