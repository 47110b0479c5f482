import crypto from 'node:crypto'; // the module itself, whose functions the password module calls
import { performance } from 'node:perf_hooks';
import { handler as register } from '../../../functions/user/handlers/register';
import { invoke } from '../support/http-event';
import { prepareUserService } from './user-environment';

/*
 * A login for an unknown email must cost what a wrong password costs, so that timing does not tell
 * which emails have an account: both run the same scrypt work, from the first login of an execution
 * environment on (the unknown-email hash is made at init), and their median times agree.
 */
jest.setTimeout(60_000);

const password = 'correct horse battery';
let email: string;
let sequence = 0;
beforeAll(async () => {
  await prepareUserService();
  email = `timed.${Date.now()}@example.test`;
  expect((await invoke(register, { method: 'POST', body: { email, password, name: 'Tim' } })).status).toBe(201);
});
afterEach(() => jest.restoreAllMocks());

const unknownEmail = () => ({ email: `unknown${++sequence}.${Date.now()}@example.test`, password });
const wrongPassword = () => ({ email, password: `wrong password ${++sequence}` });

/** The login handler as a fresh execution environment loads it. */
const freshLoginHandler = () => {
  let handler: Parameters<typeof invoke>[0] | undefined;
  jest.isolateModules(() => {
    handler = (require('../../../functions/user/handlers/login') as { handler: Parameters<typeof invoke>[0] }).handler; // eslint-disable-line @typescript-eslint/no-require-imports -- a module registry of its own, as a new execution environment has
  });
  return handler!;
};

describe('unknown-email and wrong-password logins', () => {
  it('run the same scrypt work, the first login of an execution environment included', async () => {
    const scryptSync = jest.spyOn(crypto, 'scryptSync');
    const scrypt = jest.spyOn(crypto, 'scrypt');
    const login = freshLoginHandler();
    expect(scryptSync).toHaveBeenCalledTimes(1); // the unknown-email hash, made at init

    const workOf = async (body: { email: string; password: string }) => {
      scrypt.mockClear();
      expect((await invoke(login, { method: 'POST', body })).status).toBe(401);
      return scrypt.mock.calls.map(([, , keyLength, options]) => ({ keyLength, options }));
    };
    const unknown = await workOf(unknownEmail());
    const wrong = await workOf(wrongPassword());
    expect(unknown).toHaveLength(1);
    expect(unknown).toEqual(wrong);
  });

  it('take the same time: their medians over interleaved samples are within a factor of two', async () => {
    const login = freshLoginHandler();
    const timed = async (body: { email: string; password: string }) => {
      const started = performance.now();
      expect((await invoke(login, { method: 'POST', body })).status).toBe(401);
      return performance.now() - started;
    };
    await timed(unknownEmail()); // the first of each warms the clients up
    await timed(wrongPassword());
    const samples = { unknown: [] as number[], wrong: [] as number[] };
    // Eight wrong passwords in all: under the ten that lock the account.
    for (let round = 0; round < 7; round++) {
      samples.unknown.push(await timed(unknownEmail()));
      samples.wrong.push(await timed(wrongPassword()));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(samples.unknown) / median(samples.wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
