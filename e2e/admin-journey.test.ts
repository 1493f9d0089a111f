import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, logIn, screenshotPath, seriousViolations, startE2e } from './harness.ts';

// An administrator's journey: edit a calendar and watch the live preview (computed by the server's SLA engine on the
// unsaved definition) change before saving; create a category and a group; add a contract version with other
// targets. Each main admin page is scanned with axe-core; the calendar and contract pages are photographed.
describe('administration', () => {
  let e2e: E2e;
  let page: Page;

  // A week without Dutch public holidays, so the expectations hold whatever day the test runs.
  const MONDAY = '2027-03-08';
  const FRIDAY_15 = '2027-03-12T15:00';

  /** axe on the page as it rests: the pointer away from the navigation link it just clicked (hover styles). */
  const violations = async () => {
    await page.mouse.move(640, 790);
    return seriousViolations(page);
  };
  /** The whole page in one picture: a tall viewport, as the shell's header and navigation are fixed. */
  const photograph = async (name: string) => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.min(height, 2400) });
    await page.screenshot({ path: screenshotPath(name) });
    await page.setViewportSize({ width: 1280, height: 800 });
  };
  const fridayRow = () => page.getByTestId('preview-day').filter({ hasText: 'Fri' });
  const firstDue = () => page.getByTestId('preview-due').first();

  beforeAll(async () => {
    e2e = await startE2e();
    const context = await e2e.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, 'admin@provider.example');
    await page.waitForURL(/\/agent\/tickets$/);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('edits a calendar and sees the preview change before saving', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Calendars' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendars' }).waitFor();
    expect(await violations()).toEqual([]);

    await page.getByRole('link', { name: 'Netherlands office hours' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar: Netherlands office hours' }).waitFor();
    await page.getByLabel('First day').fill(MONDAY);
    await page.getByLabel('Start of example 1').fill(FRIDAY_15);
    await page.getByLabel('Business hours of example 1').fill('4');

    // Friday 15:00 + 4 business hours on 08:00–17:00: two hours on Friday, two on Monday → Monday 10:00.
    await fridayRow().filter({ hasText: '08:00–17:00' }).waitFor();
    await firstDue().filter({ hasText: '10:00' }).waitFor();
    expect(await violations()).toEqual([]);

    // Friday afternoon off: the preview follows before anything is saved.
    await page.getByLabel('Friday, interval 1, until').fill('12:00');
    await fridayRow().filter({ hasText: '08:00–12:00' }).waitFor();
    await firstDue().filter({ hasText: '12:00' }).waitFor();

    // An extra closed date on that Friday closes it in the preview.
    await page.getByRole('button', { name: '+ Add a closed date' }).click();
    await page.getByLabel('Closed date 1', { exact: true }).fill('2027-03-12');
    await page.getByLabel('Reason for closed date 1').fill('Company outing');
    await fridayRow().filter({ hasText: 'Closed' }).waitFor();
    await photograph('admin-calendar');

    // An invalid hour is refused by the server with its reason, next to the input.
    await page.getByLabel('Monday, interval 1, from').fill('25:00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    await page.getByLabel('Monday, interval 1, from').fill('08:00');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').first().waitFor();
    await page.reload();
    await page.getByLabel('Friday, interval 1, until').waitFor();
    expect(await page.getByLabel('Friday, interval 1, until').inputValue()).toBe('12:00');
    expect(await page.getByLabel('Reason for closed date 1').inputValue()).toBe('Company outing');
  });

  it('creates a category, showing the API’s validation message first', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Categories' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'New category' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Key( \*)?$/).fill('Bad key');
    await dialog.getByLabel(/^Name( \*)?$/).fill('Printers');
    await dialog.getByLabel('Name in Nederlands').fill('Printers');
    await dialog.getByLabel('Name in Svenska').fill('Skrivare');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    await dialog.getByText('lower-case letters, digits and _').first().waitFor();
    await dialog.getByLabel(/^Key( \*)?$/).fill('printers');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'Skrivare' }).waitFor();
  });

  it('creates a group with a lead and members', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name( \*)?$/).fill('Field service');
    await dialog.getByLabel('Lead').click();
    await page.getByRole('option', { name: 'Noor Bakker' }).click();
    await dialog.getByLabel('Members').click();
    await page.getByRole('option', { name: 'Erik Lindqvist' }).click();
    await page.getByRole('option', { name: 'Noor Bakker' }).click();
    await dialog.getByRole('heading').click(); // close the option list
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Field service' });
    await row.filter({ hasText: 'Erik Lindqvist' }).waitFor();
  });

  it('adds a contract version with other targets and shows the history', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    await page.getByRole('link', { name: 'Acme service agreement' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('link', { name: 'Acme service agreement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme service agreement' }).waitFor();
    expect(await page.getByTestId('version-row').count()).toBe(1);

    await page.getByLabel('P1 First response in minutes').fill('60');
    await page.getByLabel('P1 Resolution in minutes').fill('360');
    await page.getByRole('button', { name: 'Add version' }).click();
    await page.getByText('Version 2 added.').waitFor();
    await page.getByTestId('version-row').nth(1).waitFor();
    const newest = page.getByTestId('version-row').first();
    expect(await newest.innerText()).toMatch(/response 1 hr, resolution 6 hrs/);
    // The page, not the notice: one that starts fading out while the scan runs is measured half-transparent.
    await page.getByText('Version 2 added.').waitFor({ state: 'hidden' });
    expect(await violations()).toEqual([]);
    await photograph('admin-contract');

    // A first response due after the resolution is refused with the contract's message.
    await page.getByLabel('P2 First response in minutes').fill('99999');
    await page.getByRole('button', { name: 'Add version' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    await page.getByText('the first response cannot be due after the resolution').first().waitFor();
  });

  it.each([
    ['Organisations', '/admin/organisations'],
    ['People', '/admin/people'],
    ['Statuses', '/admin/statuses'],
    ['Settings', '/admin/settings'],
  ])('shows %s without serious accessibility violations', async (title, path) => {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('table').first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it('edits the transitions matrix and the priority matrix', async () => {
    await page.goto('/admin/statuses');
    const box = page.getByRole('checkbox', { name: 'From Closed to Open' });
    const before = await box.isChecked();
    await box.click();
    await page.getByRole('button', { name: /Save transitions \(1 status changed\)/ }).click();
    await page.getByText('Saved.').first().waitFor();
    await page.reload();
    expect(await page.getByRole('checkbox', { name: 'From Closed to Open' }).isChecked()).toBe(!before);

    await page.goto('/admin/settings');
    await page.getByRole('combobox', { name: 'Priority for urgency low and impact low' }).click();
    await page.getByRole('option', { name: 'P3' }).click();
    await page.getByRole('button', { name: 'Save matrix' }).click();
    await page.getByText('Saved.').first().waitFor();
  });

  it('sets how long raw mail is kept, and back to for ever', async () => {
    const retention = () => page.getByRole('textbox', { name: 'Keep raw mail (days)' });
    const save = async () => {
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').first().waitFor();
      await page.reload();
    };
    await page.goto('/admin/settings');
    expect(await retention().getAttribute('placeholder')).toBe('For ever');
    await retention().fill('90');
    await save();
    expect(await retention().inputValue()).toBe('90');
    await retention().fill('');
    await save();
    expect(await retention().inputValue()).toBe('');
  });
});
