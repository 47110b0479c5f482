import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium or Chrome usually is; CHROME_PATH first. */
const candidates = () => [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const findChromium = (): string => {
  const found = candidates().find((path) => path && existsSync(path));
  if (!found) {
    throw new Error(
      'The console tests need Chromium or Chrome, and none was found (looked at CHROME_PATH, /usr/bin/chromium, /usr/bin/google-chrome). ' +
        'Install one — on Debian or Ubuntu: `apt-get install -y chromium` (as root) — or set CHROME_PATH to its binary.',
    );
  }
  return found;
};

/**
 * Headless Chromium that reaches nothing beyond this machine. Playwright gives every launch a fresh
 * profile (user data directory) of its own, and removes it on `close()`.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
