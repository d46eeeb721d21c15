// The staff dashboard under a real browser: the whole app in-process on 127.0.0.1 (its dashboard
// built once by the same ensure-built step `npm start` runs) on the shared browser rig, whose
// SMTP server catches invites and reset mails.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Config } from '../../src/platform/config/schema.ts';
import { ensureDashboardBuilt } from '../../web/dashboard/build.ts';
import { startBrowserRig, type BrowserRig } from './browser-rig.ts';

export const owner = { email: 'admin@example.com', password: 'Admin-password-1' };

/** Generous: two cores shared with other test files, a cold browser, a first lazy-loaded page. */
export const uiTimeout = 30_000;

export type DashboardRig = BrowserRig;

export async function startDashboardRig(overrides: Partial<Config> = {}): Promise<DashboardRig> {
  await ensureDashboardBuilt();
  return startBrowserRig({ screenshotPrefix: 'dashboard', config: overrides });
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
