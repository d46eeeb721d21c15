// The whole app in-process on 127.0.0.1 under a real browser: a real SMTP server for its mail,
// the first owner's token for arranging data through the API, and Debian's chromium driven by
// playwright-core (never a downloaded browser). The storefront and dashboard rigs build on it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Config } from '../../src/platform/config/schema.ts';
import { adminToken, startTestApp, type TestApp } from './app.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = resolve(import.meta.dirname, '../../.data/screenshots');

export interface BrowserRig {
  app: TestApp;
  smtp: TestSmtpServer;
  browser: Browser;
  baseUrl: string;
  /** The first owner's access token, for arranging data through the API. */
  admin: string;
  /** Saves a full-page screenshot as `<prefix>-<name>.png` under .data/screenshots. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts SMTP, the app and the browser; `prepare` (seeding through the API) runs before the
 * browser starts. Whatever started is stopped again if a later step fails, so a failed
 * beforeAll leaves no server or browser behind.
 */
export async function startBrowserRig<Extra extends object = object>(opts: {
  screenshotPrefix: string;
  config?: Partial<Config>;
  /** Arranges data through the API; what it returns is spread onto the rig. */
  prepare?: (app: TestApp, admin: string) => Promise<Extra>;
}): Promise<BrowserRig & Extra> {
  let smtp: TestSmtpServer | undefined;
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
  };
  try {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url, ...opts.config });
    const baseUrl = await app.app.listen({ host: '127.0.0.1', port: 0 });
    const admin = await adminToken(app);
    const extra = (await opts.prepare?.(app, admin)) ?? ({} as Extra);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    mkdirSync(screenshotDir, { recursive: true });
    return {
      ...extra,
      app,
      smtp,
      browser,
      baseUrl,
      admin,
      screenshot: async (page, name) => {
        await page.screenshot({ path: resolve(screenshotDir, `${opts.screenshotPrefix}-${name}.png`), fullPage: true });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
