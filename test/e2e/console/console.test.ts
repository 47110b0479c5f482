import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { eventually } from '../support/eventually';
import { sendMessage, sqs } from '../saga/queues';
import { adminToken, newShopper, placeOrder, settledOrder, stockedProduct } from '../saga/shop';

/*
 * The local console in Chromium, on the e2e suite's runtime (its global setup serves the console and
 * exports CONSOLE_URL, the link with the token). Controls are found by their role and accessible name,
 * as a keyboard or screen reader user finds them. Against another target (API_URL) there is no console.
 */
const consoleUrl = process.env.CONSOLE_URL;
const describeLocally = consoleUrl ? describe : describe.skip;

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

/** The resources of one type in the app's templates (the cloud assembly the runtime runs), with their stack's name. */
const resourcesInTemplates = (type: string) => {
  const assembly = process.env.E2E_CLOUD_ASSEMBLY!;
  return readdirSync(assembly)
    .filter((file) => file.endsWith('.template.json'))
    .flatMap((file) => {
      const { Resources = {} } = JSON.parse(readFileSync(join(assembly, file), 'utf8')) as Template;
      const stack = file.replace(/\.template\.json$/, '');
      return Object.entries(Resources)
        .filter(([, resource]) => resource.Type === type)
        .map(([logicalId, resource]) => ({ stack, logicalId, ...resource }));
    });
};

/** Functions as the templates name them for people: their construct paths. */
const functionsInTemplates = () => resourcesInTemplates('AWS::Lambda::Function').map((fn) => String(fn.Metadata?.['aws:cdk:path']).replace(/\/Resource$/, ''));
/** Queues by their names: their own, or `<stack>-<logical id>` as CloudFormation (and the runtime) names them. */
const queuesInTemplates = () => resourcesInTemplates('AWS::SQS::Queue').map((queue) => String(queue.Properties?.QueueName ?? `${queue.stack}-${queue.logicalId}`));

const rowHeaders = async (page: Page, table: string) => page.getByRole('table', { name: table, exact: true }).getByRole('rowheader').allInnerTexts();

/** A request with any Host header (fetch will not send a forged one). */
const statusWithHost = (url: string, host: string, token: string) =>
  new Promise<number>((resolve, reject) => {
    const sent = httpRequest(url, { headers: { host, authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    sent.on('error', reject).end();
  });

describeLocally('the local console', () => {
  const { origin, searchParams } = new URL(consoleUrl ?? 'http://127.0.0.1');
  const token = searchParams.get('token')!;
  let browser: Browser;
  let signedIn: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    signedIn = await browser.newContext();
    page = await signedIn.newPage();
    await page.goto(consoleUrl!);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a request without the token, from another site, or under another host name', async () => {
    const stranger = await browser.newContext();
    try {
      const refused = await (await stranger.newPage()).goto(`${origin}/trail/anything`);
      expect(refused?.status()).toBe(401);
      expect((await fetch(`${origin}/api/overview`)).status).toBe(401);
      expect((await fetch(`${origin}/api/overview`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    } finally {
      await stranger.close();
    }
    // The page of another site, in the browser that holds the console's cookie, cannot change anything.
    const cookie = (await signedIn.cookies(origin)).map(({ name, value }) => `${name}=${value}`).join('; ');
    expect(cookie).toContain(token);
    const forged = await fetch(`${origin}/api/queues/any/purge`, {
      method: 'POST',
      headers: { cookie, origin: 'http://attacker.example', 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: 'any' }),
    });
    expect(forged.status).toBe(403);
    // DNS rebinding: a name that resolves to 127.0.0.1 is not the console's.
    expect(await statusWithHost(`${origin}/api/overview`, 'attacker.example', token)).toBe(403);
    expect(await statusWithHost(`${origin}/api/overview`, new URL(origin).host, token)).toBe(200);
  }, 30_000);

  it("lists every function and every queue of the app on its overview", async () => {
    await page.goto(`${origin}/`);
    const functions = functionsInTemplates();
    expect(functions.length).toBeGreaterThan(0);
    await eventually(async () => expect((await rowHeaders(page, 'Functions')).sort()).toEqual([...functions].sort()));
    const queues = queuesInTemplates();
    expect(queues.length).toBeGreaterThan(0);
    // Other tests make queues of their own meanwhile: the app's must all be there.
    await eventually(async () => expect(await rowHeaders(page, 'Queues')).toEqual(expect.arrayContaining(queues.map((queue) => expect.stringMatching(new RegExp(`^${queue}\\b`))))));
  }, 30_000);

  it("shows an order's trail: each service's step, in time order, and the order's final state", async () => {
    const admin = await adminToken();
    const shopper = await newShopper();
    const tea = await stockedProduct(admin, 3, 1500);
    const orderId = await placeOrder(shopper, [{ sku: tea, quantity: 1 }]);
    expect((await settledOrder(shopper, orderId)).status).toBe('CONFIRMED');

    await page.goto(`${origin}/trail/${orderId}`);
    const steps = page.getByRole('table', { name: 'Steps, in time order' });
    await eventually(async () => {
      const finalState = page.getByRole('region', { name: 'Final state' });
      expect(await finalState.getByText('settled', { exact: true }).count()).toBe(1);
      expect(await finalState.getByRole('row', { name: new RegExp(`ORDER#${orderId} / ORDER .*CONFIRMED`) }).count()).toBe(1);
    });
    const titles = await steps.getByRole('rowheader').allInnerTexts();
    expect(titles[0]).toBe('POST /orders → 202');
    for (const step of ['OrderService/PlaceOrder invoked', 'InventoryService/HandleStockRequest invoked', 'PaymentService/HandlePaymentRequest invoked', 'OrderService/HandlePaymentResult invoked']) {
      expect(titles).toContain(step);
    }
    expect(titles.indexOf('InventoryService/HandleStockRequest invoked')).toBeLessThan(titles.indexOf('PaymentService/HandlePaymentRequest invoked'));
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^Message sent to InventoryService-StockRequests/), expect.stringMatching(/^Message deleted from PaymentService-PaymentRequests/)]));
    expect(await steps.getByRole('cell', { name: 'failed', exact: true }).count()).toBe(0);
  }, 60_000);

  it('redrives a dead-lettered message back to its source queue, and purges a queue once its name is typed', async () => {
    const suffix = randomUUID().slice(0, 8);
    const { QueueUrl: deadLetters } = await sqs().send(new CreateQueueCommand({ QueueName: `e2e-console-dlq-${suffix}` }));
    const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: deadLetters, AttributeNames: ['QueueArn'] }));
    const source = `e2e-console-source-${suffix}`;
    const { QueueUrl: sourceUrl } = await sqs().send(
      new CreateQueueCommand({ QueueName: source, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 3 }) } }),
    );
    try {
      const marker = `dead-letter-${suffix}`;
      await sendMessage(deadLetters!, { marker }, marker);
      await page.goto(`${origin}/queues/e2e-console-dlq-${suffix}`);
      const body = JSON.stringify({ marker });
      await page.getByRole('table', { name: `Messages on e2e-console-dlq-${suffix}` }).getByText(body, { exact: true }).waitFor();
      await page.getByRole('button', { name: `Redrive to ${source}` }).click();
      await page.getByRole('status').getByText(`back to ${source}`).waitFor();

      await page.goto(`${origin}/queues/${source}`);
      await page.getByRole('table', { name: `Messages on ${source}` }).getByText(body, { exact: true }).waitFor();
      await page.goto(`${origin}/queues/e2e-console-dlq-${suffix}`);
      await page.getByText(`No messages on e2e-console-dlq-${suffix}.`).waitFor();

      await page.goto(`${origin}/queues/${source}`);
      await page.getByRole('button', { name: 'Purge…' }).click();
      const dialog = page.getByRole('dialog', { name: `Purge ${source}?` });
      const purge = dialog.getByRole('button', { name: `Purge ${source}` });
      expect(await purge.isDisabled()).toBe(true);
      await dialog.getByLabel("Type the queue's name to confirm").fill(source);
      await purge.click();
      await page.getByRole('status').getByText(`Purged ${source}.`).waitFor();
      await page.getByText(`No messages on ${source}.`).waitFor();
    } finally {
      await Promise.all([deadLetters, sourceUrl].map((url) => sqs().send(new DeleteQueueCommand({ QueueUrl: url }))));
    }
  }, 30_000);
});
