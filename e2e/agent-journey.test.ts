import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, logIn, screenshotPath, seriousViolations, startE2e } from './harness.ts';

// An agent's first minutes: log in, see the ticket list, open a ticket and read its conversation. Each main page is
// scanned with axe-core; screenshots go to docs/screenshots/ (shown in the README).
describe('agent console', () => {
  let e2e: E2e;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    const context = await e2e.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('sends a visitor to the login page, which has no serious accessibility violation', async () => {
    await page.goto('/agent/tickets');
    await page.waitForURL(/\/login\?next=%2Fagent%2Ftickets$/);
    await page.getByRole('heading', { name: 'Log in to Loket' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('login'), fullPage: true });
  });

  it('refuses a wrong password with a message', async () => {
    await logIn(page, 'admin@provider.example', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    expect(page.url()).toMatch(/\/login/);
  });

  it('logs an admin in to the ticket list, back where they were going', async () => {
    await logIn(page, 'admin@provider.example');
    await page.waitForURL(/\/agent\/tickets$/);
    await page.getByTestId('ticket-row').first().waitFor();
    expect(await page.getByTestId('ticket-row').count()).toBeGreaterThan(5);
    await page.getByRole('link', { name: 'Organisations' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('agent-tickets'), fullPage: false });
  });

  it('opens a ticket and reads its conversation', async () => {
    const firstRow = page.getByTestId('ticket-row').first();
    const subject = (await firstRow.locator('td').nth(1).innerText()).trim();
    await firstRow.getByRole('link').click();
    await page.waitForURL(/\/agent\/tickets\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByTestId('article').first().waitFor();
    expect(await page.getByTestId('article').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("switches to the person's chosen language and keeps it after a reload", async () => {
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Nederlands' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    // Back to English for whoever runs the demo next with this account.
    await page.getByRole('combobox', { name: 'Taal' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });

  it('logs out to the login page, and a deep link shows the 404 page inside the app', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });
});
