import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as register } from '../../../functions/user/handlers/register';
import { DynamoDbLoginAttempts } from '../../../functions/user/login-attempts-dynamodb';
import { invoke } from '../support/http-event';
import { prepareUserService } from './user-environment';

let attempts: DynamoDbLoginAttempts;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
beforeAll(async () => {
  const { tableName } = await prepareUserService();
  attempts = new DynamoDbLoginAttempts(documents, tableName);
});
afterAll(() => documents.destroy());

const password = 'correct horse battery';
let sequence = 0;
const newAccount = async () => {
  const email = `guessed${++sequence}.${Date.now()}@example.test`;
  expect((await invoke(register, { method: 'POST', body: { email, password, name: 'Gus' } })).status).toBe(201);
  return email;
};
const loginAs = (email: string, secret: string) => invoke(login, { method: 'POST', body: { email, password: secret } });
const failTimes = async (email: string, times: number) => {
  const statuses: number[] = [];
  for (let n = 0; n < times; n++) statuses.push((await loginAs(email, `wrong guess ${n}`)).status);
  return statuses;
};

describe('password guessing', () => {
  it('is refused with 429 and Retry-After after ten failures, even with the right password, for that account only', async () => {
    const email = await newAccount();
    const other = await newAccount();
    expect(await failTimes(email, 10)).toEqual(Array(10).fill(401));
    const refused = await loginAs(email, password);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await loginAs(other, password)).status).toBe(200);
  });

  it('is forgotten after a success: the failures before it no longer count', async () => {
    const email = await newAccount();
    expect(await failTimes(email, 9)).toEqual(Array(9).fill(401));
    expect((await loginAs(email, password)).status).toBe(200);
    expect(await attempts.read(email)).toEqual({ version: 0 });
    expect(await failTimes(email, 1)).toEqual([401]);
  });

  it('lets the right password in again once the lock is over', async () => {
    const email = await newAccount();
    await failTimes(email, 10);
    expect((await loginAs(email, password)).status).toBe(429);
    const { attempts: locked, version } = await attempts.read(email);
    await attempts.record(email, { ...locked!, lockedUntil: Date.now() - 1 }, version);
    expect((await loginAs(email, password)).status).toBe(200);
  });

  it('throttles an unknown email alike, so the answers do not tell which emails have an account', async () => {
    const unknown = `nobody${Date.now()}@example.test`;
    expect(await failTimes(unknown, 10)).toEqual(Array(10).fill(401));
    const refused = await loginAs(unknown, password);
    expect(refused.status).toBe(429);
  });

  it('lets no more than ten of a burst of parallel guesses reach a password check; the others are refused', async () => {
    const email = await newAccount();
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, n) => loginAs(email, `parallel guess ${n}`).then((r) => r.status)));
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(16 - checked);
  });
});
