import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RuntimeLog } from '../../../local/logs/runtime-log';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { request } from '../support/http';

/*
 * The most common way a serverless deploy breaks is a missing grant. The app's own cloud assembly
 * (synthesized once by the e2e global setup) with one grant taken out, `table.grantReadData(getPayment)`
 * in lib/services/payment-service.ts, runs on a second local runtime: reading a payment fails with the
 * AccessDeniedException that AWS would give the function, and the runtime's log names the missing grant.
 * Local runs only: it changes a template.
 */
const assembly = process.env.E2E_CLOUD_ASSEMBLY;
type Statement = { Action: string | string[] };
type Template = { Resources: Record<string, { Type: string; Properties: { PolicyDocument: { Statement: Statement[] } } }> };

/** Takes out of `stack`'s policy `policyId` (a logical id prefix) the statements that grant `action`. */
const removeGrant = (directory: string, stack: string, policyId: string, action: string) => {
  const file = join(directory, `${stack}.template.json`);
  const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
  const [, policy] = Object.entries(template.Resources).find(([id, resource]) => id.startsWith(policyId) && resource.Type === 'AWS::IAM::Policy')!;
  const document = policy.Properties.PolicyDocument;
  const before = document.Statement.length;
  document.Statement = document.Statement.filter((statement) => ![statement.Action].flat().includes(action));
  if (document.Statement.length !== before - 1) throw new Error(`Expected one statement granting ${action} in ${policyId}`);
  writeFileSync(file, JSON.stringify(template));
};

(assembly ? describe : describe.skip)('a function whose role misses a grant', () => {
  const workDirectory = mkdtempSync(join(tmpdir(), 'e2e-missing-grant-'));
  const warnings: string[] = [];
  const functionLines: string[] = [];
  const log: RuntimeLog = {
    info: () => undefined,
    warn: (message) => void warnings.push(message),
    functionLine: (fn, line) => void functionLines.push(`${fn.displayName} ${line}`),
    access: () => undefined,
  };
  let runtime: LocalRuntime | undefined;

  beforeAll(async () => {
    const variant = join(workDirectory, 'cdk.out');
    cpSync(assembly!, variant, { recursive: true });
    removeGrant(variant, 'PaymentService', 'GetPaymentRoleDefaultPolicy', 'dynamodb:GetItem');
    runtime = await startLocalRuntime({ projectDirectory: join(__dirname, '../../..'), assembly: variant, port: 0, eventSources: false, log });
  }, 90_000);

  afterAll(async () => {
    await runtime?.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it('fails with AccessDeniedException, as on AWS, and the log names the missing grant', async () => {
    const user = { email: `grant-${randomUUID()}@example.com`, password: 'correct horse battery', name: 'Grant' };
    expect((await request(runtime!.url, 'POST', '/auth/register', { body: user })).status).toBe(201);
    const { body } = await request<{ accessToken: string }>(runtime!.url, 'POST', '/auth/login', { body: { email: user.email, password: user.password } });

    const response = await request(runtime!.url, 'GET', `/payments/${randomUUID()}`, { headers: { authorization: `Bearer ${body.accessToken}` } });

    // Without the grant the handler cannot read its table: a 500, where with it a missing payment is a 404.
    expect(response.status).toBe(500);
    expect(functionLines.some((line) => line.startsWith('PaymentService/GetPayment ') && line.includes('AccessDeniedException'))).toBe(true);
    const payments = runtime!.model.tables.find((table) => table.key.startsWith('PaymentService/'))!;
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^IAM denied PaymentService-GetPayment\\w* dynamodb GetItem: missing grant: dynamodb:GetItem on ${payments.arn} for role PaymentService-GetPaymentRole`)));
  });
});
