import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, logIn, screenshotPath, seriousViolations, startE2e } from './harness.ts';

// Operations: an admin checks the mail administration (quarantine, outbox, a Dutch template edited and reset); an agent
// keeps the status page (a component, an incident from first report to resolved, seen on the public page); an admin
// watches a local HTTP server with a monitor. Each main page is scanned with axe-core and photographed.
describe('operations: mail administration, status page and monitoring', () => {
  let e2e: E2e;
  let admin: Page;
  let agent: Page;
  let target: Server;
  let targetUrl: string;

  beforeAll(async () => {
    target = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
    e2e = await startE2e();
    admin = await (await e2e.newContext({ locale: 'en-GB' })).newPage();
    agent = await (await e2e.newContext({ locale: 'en-GB' })).newPage();
    admin.setDefaultTimeout(15_000);
    agent.setDefaultTimeout(15_000);
    await logIn(admin, 'admin@provider.example');
    await admin.waitForURL(/\/agent\/tickets$/);
    await logIn(agent, 'agent@provider.example');
    await agent.waitForURL(/\/agent\/tickets$/);
  });
  afterAll(async () => {
    await e2e?.close();
    await new Promise((resolve) => target?.close(resolve));
  });

  it('shows an admin the mailboxes and the quarantine', async () => {
    await admin.getByRole('link', { name: 'Mail' }).click();
    await admin.waitForURL(/\/admin\/mail\/mailboxes$/);
    await admin.getByRole('heading', { level: 2, name: 'Mailboxes' }).waitFor();
    await admin.mouse.move(900, 780); // not hovering the navigation (its hover shade is not what is scanned)
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole('tab', { name: 'Received & quarantine' }).click();
    await admin.waitForURL(/\/admin\/mail\/quarantine$/);
    await admin.getByRole('heading', { level: 2, name: 'Received mail' }).waitFor();
    await expect(admin.getByRole('combobox', { name: 'Status' }).inputValue()).resolves.toBe('Quarantined');
    await admin
      .getByText(/No messages with this status|Download/)
      .first()
      .waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('opens a mail in the outbox and reads it as sent', async () => {
    await admin.getByRole('tab', { name: 'Outbox' }).click();
    await admin.waitForURL(/\/admin\/mail\/outbox$/);
    await admin.getByTestId('outbox-row').first().waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.screenshot({ path: screenshotPath('admin-mail'), fullPage: false });
    const subject = (await admin.getByTestId('outbox-row').first().getByRole('button').innerText()).trim();
    await admin.getByTestId('outbox-row').first().getByRole('button').click();
    const dialog = admin.getByRole('dialog', { name: 'Mail as sent' });
    await dialog.getByTestId('outbox-text').waitFor();
    await dialog.getByText(subject, { exact: true }).first().waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('offers to send a kept mail again, and says why it cannot be while no SMTP server is configured', async () => {
    await admin.getByTestId('outbox-row').first().getByRole('button').click();
    const dialog = admin.getByRole('dialog', { name: 'Mail as sent' });
    await dialog.getByText('Kept', { exact: true }).waitFor();
    let asked = '';
    admin.once('dialog', (confirmation) => {
      asked = confirmation.message();
      void confirmation.accept();
    });
    await dialog.getByRole('button', { name: 'Send again' }).click();
    await admin.getByText('This mail cannot be sent: no SMTP server is configured (SMTP_URL).').waitFor();
    expect(asked).toMatch(/^Send this mail to \S+@\S+ again\?$/);
    await dialog.getByText('Kept', { exact: true }).waitFor();
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('edits a Dutch mail template with a live preview, then resets it to the built-in wording', async () => {
    await admin.getByRole('tab', { name: 'Templates' }).click();
    await admin.waitForURL(/\/admin\/mail\/templates$/);
    const main = admin.locator('main');
    await main.getByRole('combobox', { name: 'Language' }).click();
    await admin.getByRole('option', { name: 'Nederlands' }).click();
    await main.getByText('Built-in', { exact: true }).first().waitFor();
    const subject = main.getByRole('textbox', { name: 'Subject' });
    const original = await subject.inputValue();
    await subject.fill(`${original} (aangepast)`);
    await expect(main.getByTestId('preview-subject').innerText()).resolves.toMatch(/\(aangepast\)$/);
    await main.getByRole('button', { name: 'Save' }).click();
    await main.getByText('Changed', { exact: true }).first().waitFor();
    await expect(subject.inputValue()).resolves.toBe(`${original} (aangepast)`);
    expect(await seriousViolations(admin)).toEqual([]);
    await main.getByRole('button', { name: 'Reset to built-in' }).click();
    await expect.poll(() => subject.inputValue(), { timeout: 10_000 }).toBe(original);
    await expect(main.getByRole('button', { name: 'Reset to built-in' }).isDisabled()).resolves.toBe(true);
  });

  it('lets an agent add a component, open an incident on it, post an update and resolve it', async () => {
    await agent.getByRole('link', { name: 'Status & monitoring' }).click();
    await agent.waitForURL(/\/agent\/status\/components$/);
    await agent.getByTestId('component-row').first().waitFor();
    await agent.mouse.move(900, 780);
    await agent.getByRole('button', { name: 'Add component' }).click();
    const addDialog = agent.getByRole('dialog', { name: 'Add component' });
    await addDialog.getByRole('textbox', { name: 'Name' }).fill('Journey API');
    await addDialog.getByLabel('Group', { exact: true }).fill('Journey services');
    await addDialog.getByRole('button', { name: 'Save' }).click();
    await addDialog.waitFor({ state: 'hidden' });
    await agent.getByTestId('component-row').filter({ hasText: 'Journey API' }).waitFor();
    await agent.getByRole('heading', { name: 'Journey services' }).waitFor();
    expect(await seriousViolations(agent)).toEqual([]);

    await agent.getByRole('tab', { name: 'Maintenance' }).click();
    await agent.waitForURL(/\/agent\/status\/maintenance$/);
    await agent.getByTestId('maintenance').first().waitFor();
    expect(await seriousViolations(agent)).toEqual([]);

    await agent.getByRole('tab', { name: 'Incidents' }).click();
    await agent.waitForURL(/\/agent\/status\/incidents$/);
    await agent.getByRole('heading', { level: 2, name: 'Incidents' }).waitFor();
    await agent
      .getByText(/No incidents here|Draft|Investigating|Identified|Monitoring/)
      .first()
      .waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
    await agent.getByRole('button', { name: 'Open incident' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Open incident' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Journey API unreachable');
    await dialog.getByRole('textbox', { name: 'Message' }).fill('We are looking into failing API calls.');
    await dialog.getByLabel('Affected components', { exact: true }).click();
    await agent.getByRole('option', { name: 'Journey API' }).click();
    await dialog.getByRole('textbox', { name: 'Title' }).click();
    await dialog.getByRole('combobox', { name: 'State of the affected components' }).waitFor();
    await dialog.getByRole('button', { name: 'Open incident' }).click();
    await agent.waitForURL(/\/agent\/status\/incidents\/[^/]+$/);
    await agent.getByRole('heading', { level: 2, name: 'Journey API unreachable' }).waitFor();
    await expect(agent.getByTestId('incident-update').count()).resolves.toBe(1);
    expect(await seriousViolations(agent)).toEqual([]);

    const form = agent.locator('form').filter({ has: agent.getByRole('heading', { name: 'Post an update' }) });
    await form.getByRole('combobox', { name: 'Status' }).click();
    await agent.getByRole('option', { name: 'Identified' }).click();
    await form.getByRole('textbox', { name: 'Message' }).fill('A full disk on the API host; we are clearing it.');
    await form.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => agent.getByTestId('incident-update').count()).toBe(2);
    await agent.screenshot({ path: screenshotPath('agent-status'), fullPage: false });

    await form.getByRole('combobox', { name: 'Status' }).click();
    await agent.getByRole('option', { name: 'Resolved' }).click();
    await form.getByRole('textbox', { name: 'Message' }).fill('The API works again.');
    await form.getByRole('button', { name: 'Resolve incident' }).click();
    await expect.poll(() => agent.getByTestId('incident-update').count()).toBe(3);
    await agent.getByRole('heading', { name: 'Post an update' }).waitFor({ state: 'detached' });
    expect(await seriousViolations(agent)).toEqual([]);
  });

  it('shows the component and the resolved incident on the public, server-rendered status page', async () => {
    const visitor = await e2e.browser.newContext({ baseURL: e2e.loket.base, javaScriptEnabled: false });
    const page = await visitor.newPage();
    await page.goto('/status');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Journey API', { exact: true }).first().waitFor();
    const history = page.locator('section', { has: page.locator('h2#history') });
    await history.getByRole('heading', { name: 'Journey API unreachable' }).waitFor();
    await history.getByText('The API works again.').waitFor();
    await page.screenshot({ path: screenshotPath('status-page'), fullPage: false });
    await visitor.close();
    // axe needs script: scan the same page in a context that runs it.
    const scanner = await (await e2e.newContext()).newPage();
    await scanner.goto('/status');
    expect(await seriousViolations(scanner)).toEqual([]);
    await scanner.context().close();
  });

  it('lets an admin create an HTTP monitor against a local server and see it come up', async () => {
    await admin.goto('/agent/status/monitors');
    await admin.getByRole('heading', { level: 2, name: 'Monitors' }).waitFor();
    await admin.getByRole('button', { name: 'Add monitor' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add monitor' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Journey health endpoint');
    await dialog.getByRole('textbox', { name: 'Target' }).fill(targetUrl);
    await dialog.getByRole('textbox', { name: 'Text the response must contain' }).fill('ok');
    await dialog.getByRole('textbox', { name: 'Interval (seconds)' }).fill('10');
    await dialog.getByRole('textbox', { name: 'Failures before down' }).fill('1');
    await dialog.getByRole('button', { name: 'Create monitor' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByText('Monitor Journey health endpoint created.').waitFor();
    const row = admin.getByTestId('monitor-row').filter({ hasText: 'Journey health endpoint' });
    await row.waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await expect
      .poll(
        async () => {
          await admin.reload();
          await row.waitFor();
          return row.getByText('Up', { exact: true }).count();
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe(1);
    await admin.screenshot({ path: screenshotPath('agent-monitors'), fullPage: false });
    await row.getByRole('link', { name: 'Journey health endpoint' }).click();
    await admin.waitForURL(/\/agent\/status\/monitors\/[^/]+$/);
    await admin.getByTestId('monitor-check').first().waitFor();
    await admin.getByRole('heading', { level: 3, name: 'Recent checks' }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
