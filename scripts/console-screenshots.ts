/**
 * Takes the README's screenshots of the local console (docs/images/console-*.png) with Chromium:
 * `npm run console:screenshots -- <Console link printed by npm start> [<order id for the trail>] [<dead-letter queue>]`.
 */
import { join } from 'node:path';
import { launchChromium } from '../test/e2e/support/chromium';

const [consoleUrl, orderId, deadLetterQueue] = process.argv.slice(2);
if (!consoleUrl) throw new Error('Give the Console link that npm start printed (with its token).');
const origin = new URL(consoleUrl).origin;
const images = join(__dirname, '..', 'docs', 'images');

const main = async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(consoleUrl);
    const shots: [string, string, string][] = [
      ['overview', '/', 'Functions'],
      ['logs', '/logs', 'Logs'],
      ...(orderId ? [['trail', `/trail/${orderId}`, 'Final state'] as [string, string, string]] : []),
      ...(deadLetterQueue ? [['queues', `/queues/${encodeURIComponent(deadLetterQueue)}`, deadLetterQueue] as [string, string, string]] : []),
      ['invoke', '/invoke/UserService%2FOpenIdConfiguration', 'Result'],
    ];
    for (const [name, path, heading] of shots) {
      await page.goto(`${origin}${path}`);
      if (name === 'invoke') await page.getByRole('button', { name: /^Invoke / }).click();
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(images, `console-${name}.png`), fullPage: false });
      console.log(`docs/images/console-${name}.png`);
    }
  } finally {
    await browser.close();
  }
};

void main();
