// The staff dashboard under a real browser: the whole app in-process on 127.0.0.1 (its dashboard
// built once by the same ensure-built step `npm start` runs), a real SMTP server for invites and
// reset mails, and Debian's chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Config } from '../../src/platform/config/schema.ts';
import { ensureDashboardBuilt } from '../../web/dashboard/build.ts';
import { adminToken, startTestApp, type TestApp } from './app.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';
import { chromiumPath, screenshotDir } from './storefront.ts';

export const owner = { email: 'admin@example.com', password: 'Admin-password-1' };

/** Generous: two cores shared with other test files, a cold browser, a first lazy-loaded page. */
export const uiTimeout = 30_000;

export interface DashboardRig {
  app: TestApp;
  smtp: TestSmtpServer;
  browser: Browser;
  baseUrl: string;
  /** The first owner's access token, for arranging data through the API. */
  admin: string;
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startDashboardRig(overrides: Partial<Config> = {}): Promise<DashboardRig> {
  await ensureDashboardBuilt();
  const smtp = await startSmtpServer();
  const app = await startTestApp({ SMTP_URL: smtp.url, ...overrides });
  const baseUrl = await app.app.listen({ host: '127.0.0.1', port: 0 });
  const admin = await adminToken(app);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    app,
    smtp,
    browser,
    baseUrl,
    admin,
    screenshot: async (page, name) => {
      await page.screenshot({ path: resolve(screenshotDir, `dashboard-${name}.png`), fullPage: true });
    },
    stop: async () => {
      await browser?.close();
      await app?.stop();
      await smtp?.close();
    },
  };
}

/** Signs in through the sign-in page and waits for the shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/dashboard/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: uiTimeout });
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function axeProblems(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
