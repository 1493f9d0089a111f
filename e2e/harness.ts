import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type LoketProcess, startLoketProcess } from '../server/test/loket-process.ts';

// What every journey needs: the web app built (once, by e2e/global-setup.ts), a real `loket serve` (a child process, as in production) on a fresh
// embedded database with the demo data, on a free port, and Debian's Chromium driven by playwright-core.

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where the journeys' screenshots go: e2e/artifacts/ (ignored by git) on every run, so a test run leaves the tree
 * clean; with UPDATE_SCREENSHOTS=true into docs/screenshots/, the ones the README shows.
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === 'true'
    ? path.join(root, 'docs', 'screenshots')
    : path.join(root, 'e2e', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
export const DEMO_PASSWORD = 'loket-demo';

export type E2e = {
  loket: LoketProcess;
  browser: Browser;
  /** A fresh browser profile (no cookies) with the given language, at the server's address. */
  newContext(options?: { locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
};

/** Fails with the way to install Chromium rather than skipping: CI must never pass without running the journeys. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser journeys need Debian's Chromium at ${CHROMIUM}. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does), or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
}

export async function startE2e(): Promise<E2e> {
  requireChromium();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-e2e-'));
  let loket: LoketProcess | undefined;
  try {
    // Demo data loads on the first start of an embedded database; TIMEZONE as the demo desk's own.
    loket = await startLoketProcess({ dataDir, env: { DEMO_DATA: 'true', TIMEZONE: 'Europe/Amsterdam' } });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    const started = loket;
    return {
      loket: started,
      browser,
      newContext: ({ locale = 'en-GB' } = {}) =>
        browser.newContext({
          baseURL: started.base,
          locale,
          timezoneId: 'Europe/Amsterdam',
          viewport: { width: 1280, height: 800 },
        }),
      async close() {
        await browser.close();
        await started.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await loket?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.getByRole('button', { name: /log in|inloggen|logga in/i }).click();
}

/** Serious and critical WCAG violations on the page as it is now, as short lines for a failing assertion. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The page at rest: the pointer away from whatever was clicked last, so no hover or press state is scanned.
  await page.mouse.move(0, 0);
  // …and settled: a dialog or notice fading in would be measured half-transparent. Two frames first, so that a
  // transition a component starts on its next frame has begun.
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export const screenshotPath = (name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
};
