import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type E2e, logIn, screenshotPath, seriousViolations, startE2e } from './harness.ts';

// A Dutch customer contact of Acme (contact@acme.example, language nl) uses the portal: logs in, submits a ticket
// with urgency and impact in plain words and sees priority and response target before sending, confirms a resolved
// ticket and reopens another, reads the status of their services, logs in with a link by e-mail, and does it all on
// a phone too. Each portal page is scanned with axe-core; screenshots go to docs/screenshots/.
const CUSTOMER = 'contact@acme.example';
const SUBJECT = 'Scanner in het magazijn leest geen barcodes meer';

describe('customer portal', () => {
  let e2e: E2e;
  let customer: BrowserContext;
  let page: Page;
  let agent: APIRequestContext;
  let admin: APIRequestContext;

  const apiAs = async (email: string): Promise<APIRequestContext> => {
    const context = await e2e.newContext();
    const login = await context.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    return context.request;
  };
  const ticketOf = async (id: string) => (await agent.get(`/api/v1/tickets/${id}`)).json();
  /** axe, with the pointer away from what was clicked (a hovered link is not what the page looks like at rest). */
  const violations = async (on: Page = page) => {
    await on.mouse.move(0, 0);
    return seriousViolations(on);
  };
  const noHorizontalScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  beforeAll(async () => {
    e2e = await startE2e();
    customer = await e2e.newContext({ locale: 'nl-NL' });
    page = await customer.newPage();
    page.setDefaultTimeout(30_000);
    agent = await apiAs('agent@provider.example');
    admin = await apiAs('admin@provider.example');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('logs the Dutch contact in to their tickets, in Dutch', async () => {
    await logIn(page, CUSTOMER);
    await page.waitForURL(/\/portal$/);
    await page.getByRole('heading', { level: 1, name: 'Mijn tickets' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByTestId('ticket-row').first().waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: screenshotPath('portal-tickets'), fullPage: false });
  });

  it('submits a ticket in plain words, with priority and response target shown before sending', async () => {
    await page.getByRole('link', { name: 'Nieuw ticket' }).first().click();
    await page.waitForURL(/\/portal\/tickets\/new$/);
    await page.getByRole('heading', { level: 1, name: 'Nieuw ticket' }).waitFor();
    await page.getByRole('textbox', { name: 'Onderwerp' }).fill(SUBJECT);
    await page.getByRole('combobox', { name: 'Waar gaat het over?' }).click();
    await page.getByRole('option', { name: 'Incident' }).click();
    await page.getByRole('radio', { name: 'Het werk ligt stil: het kan niet wachten' }).check();
    await page.getByRole('radio', { name: 'Iedereen in ons bedrijf heeft er last van' }).check();
    const outcome = page.getByTestId('outcome');
    await outcome.getByText(/Prioriteit P\d/).waitFor();
    const priority = (await outcome.getByText(/Prioriteit P\d/).innerText()).trim().slice(-2);
    await outcome.getByText(/We reageren binnen .+ aan kantooruren\./).waitFor();
    // Plain words change the outcome live: "only me" and "it can wait" is a lower priority.
    await page.getByRole('radio', { name: 'Alleen ik' }).check();
    await page.getByRole('radio', { name: 'Het kan wachten: geen haast' }).check();
    await outcome.getByText(/Prioriteit P4/).waitFor();
    await page.getByRole('radio', { name: 'Het werk ligt stil: het kan niet wachten' }).check();
    await page.getByRole('radio', { name: 'Iedereen in ons bedrijf heeft er last van' }).check();
    await outcome.getByText(`Prioriteit ${priority}`).waitFor();
    await page
      .getByRole('textbox', { name: 'Omschrijving' })
      .fill('Sinds vanochtend leest de handscanner bij inslag geen enkele barcode meer. Opnieuw opstarten helpt niet.');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'scanner-foutmelding.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('E42: decoder not ready'),
    });
    expect(await violations()).toEqual([]);
    // A taller window rather than a full-page shot, which would paint the fixed header halfway down.
    await page.setViewportSize({ width: 1280, height: 1120 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('portal-new-ticket') });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Ticket indienen' }).click();
    await page.waitForURL(/\/portal\/tickets\/(?!new)[^/]+$/);
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await page.getByRole('link', { name: 'scanner-foutmelding.txt' }).waitFor();
    await page
      .getByTestId('ticket-due')
      .getByText(/Een reactie volgt uiterlijk/)
      .waitFor();
    const id = page.url().split('/').pop()!;
    const created = await ticketOf(id);
    expect(created).toMatchObject({ urgency: 'high', impact: 'high', priority, channel: 'portal' });
    expect(created.category.key).toBe('incident');
    expect(await violations()).toEqual([]);

    await page.getByRole('textbox', { name: 'Uw bericht' }).fill('Ook de tweede scanner doet het niet.');
    await page.getByRole('button', { name: 'Reactie versturen' }).click();
    await page.getByTestId('article').filter({ hasText: 'Ook de tweede scanner' }).waitFor();
    await page.reload();
    await page.getByTestId('article').filter({ hasText: 'Ook de tweede scanner' }).waitFor();
    await page.screenshot({ path: screenshotPath('portal-ticket') });

    await page.getByRole('navigation').getByRole('link', { name: 'Mijn tickets' }).click();
    await page.waitForURL(/\/portal$/);
    const row = page.getByTestId('ticket-row').filter({ hasText: SUBJECT });
    await row.waitFor();
    await row.getByText(/Reactie uiterlijk/).waitFor();
  });

  it('confirms one resolved ticket and reopens another', async () => {
    const open = async (subject: string) => {
      const res = await page.request.post('/api/v1/tickets', { data: { subject, body: 'Graag bekijken.' } });
      expect(res.status()).toBe(201);
      const ticket = await res.json();
      const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/status`, { data: { status: 'resolved' } });
      expect(resolved.status()).toBe(200);
      return ticket as { id: string; reference: string };
    };
    const toConfirm = await open('VPN valt steeds weg');
    const toReopen = await open('Mailbox van de receptie is vol');

    // By reference, as the resolution mail links them; the page shows what was done at once.
    await page.goto(`/portal/tickets/${toConfirm.reference}?action=confirm`);
    await page.getByRole('heading', { name: 'Is uw probleem opgelost?' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Ja, het is opgelost' }).click();
    await page.getByText('Dank u wel. Het ticket is gesloten.').waitFor();
    await page.getByRole('button', { name: 'Ja, het is opgelost' }).waitFor({ state: 'hidden' });
    expect((await ticketOf(toConfirm.id)).status.kind).toBe('closed');

    await page.goto(`/portal/tickets/${toReopen.reference}`);
    await page.getByRole('textbox', { name: 'Wat is er nog mis? (optioneel)' }).fill('Hij is alweer vol.');
    await page.getByRole('button', { name: 'Nee, heropen het' }).click();
    await page.getByText('Het ticket is weer open.').waitFor();
    await page.getByRole('button', { name: 'Nee, heropen het' }).waitFor({ state: 'hidden' });
    const reopened = await ticketOf(toReopen.id);
    expect(['resolved', 'closed']).not.toContain(reopened.status.kind);
    expect(reopened.reopenCount).toBe(1);
  });

  it('keeps the list as it was filtered on the way back from a ticket', async () => {
    await page.goto('/portal');
    await page.getByText('Gesloten', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('filter') === 'closed');
    await page.getByRole('link', { name: 'VPN valt steeds weg' }).click();
    await page.getByRole('heading', { level: 1, name: 'VPN valt steeds weg' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/portal' && url.searchParams.get('filter') === 'closed');
    await page.getByRole('link', { name: 'VPN valt steeds weg' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Gesloten' }).isChecked()).toBe(true);
  });

  it("shows the status of the organisation's services", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Status van de diensten' }).click();
    await page.waitForURL(/\/portal\/status$/);
    await page.getByRole('heading', { level: 1, name: 'Status van de diensten' }).waitFor();
    await page.reload(); // without the notice of the previous step over the page
    await page.getByTestId('status-indicator').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Huidige storingen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gepland onderhoud' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: screenshotPath('portal-status') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('works on a phone: no horizontal scroll, navigation in the burger menu', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/portal', '/portal/tickets/new', '/portal/status']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (path === '/portal') await page.getByTestId('ticket-row').first().waitFor();
      expect(await noHorizontalScroll(), path).toBe(true);
      expect(await violations()).toEqual([]);
    }
    await page.goto('/portal');
    await page.getByTestId('ticket-row').first().waitFor();
    await page.screenshot({ path: screenshotPath('portal-mobile'), fullPage: false });
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    const navOnScreen = () => nav.evaluate((el) => el.getBoundingClientRect().right > 0);
    expect(await navOnScreen()).toBe(false);
    await page.getByRole('button', { name: 'Navigatie tonen of verbergen' }).click();
    await expect.poll(navOnScreen).toBe(true);
    await nav.getByRole('link', { name: 'Nieuw ticket' }).click();
    await page.waitForURL(/\/portal\/tickets\/new$/);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logs in with a one-time link by e-mail, which works once', async () => {
    const visitor = await e2e.newContext({ locale: 'nl-NL' });
    const login = await visitor.newPage();
    login.setDefaultTimeout(30_000);
    await login.goto('/login');
    await login.getByRole('button', { name: 'Stuur me liever een inloglink per e-mail' }).click();
    await login.getByRole('textbox', { name: 'E-mailadres' }).last().fill(CUSTOMER);
    expect(await violations(login)).toEqual([]);
    await login.getByRole('button', { name: 'Stuur me een inloglink' }).click();
    await login.getByRole('status').filter({ hasText: 'inloglink onderweg' }).waitFor();

    const outbox = await (await admin.get('/api/v1/outbox?limit=20')).json();
    const mail = outbox.items.find(
      (m: { kind: string; toAddress: string }) => m.kind === 'login_link' && m.toAddress.includes(CUSTOMER),
    );
    expect(mail).toBeTruthy();
    const link = /\/login\/link#token=[^\s)>\]]+/.exec(mail.textBody as string)?.[0];
    expect(link).toBeTruthy();

    await login.goto(link!);
    // Nothing is spent by opening the link (a mail scanner would): the person presses the button.
    await login.getByRole('heading', { level: 1, name: 'Inloggen op het klantportaal' }).waitFor();
    expect(new URL(login.url()).hash).toBe('');
    await login.getByRole('button', { name: 'Inloggen' }).click();
    await login.waitForURL(/\/portal$/);
    await login.getByRole('heading', { level: 1, name: 'Mijn tickets' }).waitFor();
    expect(new URL(login.url()).hash).toBe('');

    const again = await (await e2e.newContext({ locale: 'nl-NL' })).newPage();
    again.setDefaultTimeout(30_000);
    await again.goto(link!);
    await again.getByRole('button', { name: 'Inloggen' }).click();
    await again.getByRole('alert').filter({ hasText: 'verlopen of al gebruikt' }).waitFor();
    expect(await violations(again)).toEqual([]);
    await again.getByRole('link', { name: 'Naar de inlogpagina' }).waitFor();
  });
});
