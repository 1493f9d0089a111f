import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, logIn, screenshotPath, seriousViolations, startE2e } from './harness.ts';

type ApiTicket = {
  id: string;
  reference: string;
  subject: string;
  priority: string;
  priorityOverridden: boolean;
  status: { id: string; kind: string };
  organisation: { id: string };
  sla?: unknown;
};
type ApiStatus = { id: string; kind: string; transitionsTo: string[] };

// An agent's work on one ticket: a note and a reply that read apart, urgency and impact with the resulting priority,
// an override with its reason, time logged non-billable, the SLA panel, a link, a merge (the issue's journey "an agent
// merges two tickets") and the resolution. The ticket page and its SLA panel are scanned with axe-core.
describe('agent ticket page', () => {
  let e2e: E2e;
  let page: Page;
  let main: ApiTicket;
  let other: ApiTicket;
  let duplicate: ApiTicket;

  const api = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(`/api/v1${path}`);
    expect(response.ok()).toBe(true);
    return (await response.json()) as T;
  };
  const openTab = async (name: string) => {
    await page.getByRole('tab', { name }).click();
  };

  beforeAll(async () => {
    e2e = await startE2e();
    const context = await e2e.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, 'agent@provider.example');
    await page.waitForURL(/\/agent\/tickets/);

    // Three open tickets of one organisation: one to work on (priority from the matrix, under a contract, able to
    // move to a resolved status), one to link to and merge into, one duplicate to merge.
    const statuses = (await api<{ items: ApiStatus[] }>('/statuses')).items;
    const resolvable = (t: ApiTicket) => {
      const from = statuses.find((s) => s.id === t.status.id);
      return !!from?.transitionsTo.some((id) => statuses.find((s) => s.id === id)?.kind === 'resolved');
    };
    const tickets = (await api<{ items: ApiTicket[] }>('/tickets?statusKind=new,open&limit=200')).items;
    const byOrganisation = new Map<string, ApiTicket[]>();
    for (const t of tickets)
      byOrganisation.set(t.organisation.id, [...(byOrganisation.get(t.organisation.id) ?? []), t]);
    for (const group of byOrganisation.values()) {
      const candidate = group.find((t) => !t.priorityOverridden && t.sla && resolvable(t));
      if (!candidate || group.length < 3) continue;
      const rest = group.filter((t) => t.id !== candidate.id);
      main = candidate;
      other = rest[0]!;
      duplicate = rest[1]!;
      break;
    }
    expect(main, 'the demo data holds three open tickets of one organisation').toBeDefined();
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('writes an internal note and a public reply, which read apart', async () => {
    await page.goto(`/agent/tickets/${main.id}`);
    await page.getByRole('heading', { level: 1, name: main.subject }).waitFor();

    await page.locator('.mantine-SegmentedControl-root').getByText('Internal note').click();
    await page.getByRole('textbox', { name: 'Internal note' }).fill('Checked the logs: the disk is full. E2E note.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    const note = page.locator('[data-testid="article"][data-kind="note"]', { hasText: 'E2E note.' });
    await note.waitFor();

    await page.locator('.mantine-SegmentedControl-root').getByText('Public reply').click();
    await page.getByRole('textbox', { name: 'Reply to the customer' }).fill('We are on it. E2E reply.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = page.locator('[data-testid="article"][data-kind="reply"]', { hasText: 'E2E reply.' });
    await reply.waitFor();

    // Apart by words and icon, not colour alone: the note says it is internal, the reply says it is public.
    await note.getByText('Internal: not visible to the customer').waitFor();
    await note.locator('svg').first().waitFor();
    await reply.getByText('Public reply').waitFor();
    await expect(reply.getByText('Internal: not visible to the customer').count()).resolves.toBe(0);
    const background = (locator: typeof note) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(note)).not.toBe(await background(reply));

    expect(await seriousViolations(page)).toEqual([]);
    // Close the notices one at a time (each closing moves the others); one may close by itself meanwhile.
    const closeButtons = page.getByRole('button', { name: 'Close message' });
    for (let i = 0; i < 10 && (await closeButtons.count()) > 0; i++) {
      await closeButtons
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 }).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('agent-ticket'), fullPage: false });
  });

  it('changes urgency and impact and shows the resulting priority', async () => {
    await page.getByRole('combobox', { name: 'Urgency' }).click();
    await page.getByRole('option', { name: 'High' }).click();
    await page.getByRole('combobox', { name: 'Impact' }).click();
    await page.getByRole('option', { name: 'High' }).click();
    const resulting = page.getByTestId('resulting-priority');
    await expect(resulting.innerText()).resolves.toMatch(/Resulting priority: P\d/);
    const priority = /P\d/.exec(await resulting.innerText())![0];
    await page.getByRole('button', { name: 'Save urgency and impact' }).click();
    await page.getByTestId('ticket-priority').getByText(priority, { exact: true }).waitFor();
  });

  it('overrides the priority only with a reason', async () => {
    await page.getByRole('button', { name: 'Override priority' }).click();
    await page.getByRole('combobox', { name: 'New priority' }).click();
    await page.getByRole('option', { name: 'P4' }).click();
    await page.getByRole('button', { name: 'Override', exact: true }).click();
    await page.getByText('Give a reason for the override.').waitFor();
    await page
      .getByRole('textbox', { name: 'Reason for the override' })
      .fill('Only one user affected, workaround given');
    await page.getByRole('button', { name: 'Override', exact: true }).click();
    await page.getByTestId('ticket-priority').getByText('P4', { exact: true }).waitFor();
    await page.getByText('Overridden', { exact: true }).waitFor();
  });

  it('logs 30 minutes non-billable with a reason and shows the totals', async () => {
    await openTab('Time');
    const form = page.getByRole('form', { name: 'Log time' });
    await form.getByRole('textbox', { name: 'Minutes' }).fill('30');
    await form.getByRole('switch', { name: 'Billable' }).click();
    await form.getByRole('button', { name: 'Log time' }).click();
    await form.getByText('Choose why this time is not billable.').waitFor();
    await form.getByRole('combobox', { name: 'Reason it is not billable' }).click();
    await page.getByRole('option', { name: 'Goodwill' }).click();
    await form.getByRole('button', { name: 'Log time' }).click();
    await page.getByRole('row', { name: /Not billable: Goodwill/ }).waitFor();
    const totals = page.getByTestId('time-totals');
    await expect(totals.innerText()).resolves.toMatch(/Non-billable\s*30 min/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens the SLA panel with each clock explained', async () => {
    await openTab('SLA');
    const panel = page.getByTestId('sla-panel');
    await panel.getByRole('heading', { name: 'Service levels' }).waitFor();
    await panel.getByText('Business time used').first().waitFor();
    await panel.getByText('Timeline').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('agent-ticket-sla'), fullPage: true });
  });

  it('links two tickets', async () => {
    await openTab('Links');
    await page.getByRole('textbox', { name: 'Other ticket' }).fill(other.reference);
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByTestId('ticket-link').filter({ hasText: other.reference }).waitFor();
    await expect(page.getByTestId('ticket-link').filter({ hasText: other.reference }).innerText()).resolves.toMatch(
      /Related to/,
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('merges two tickets after a confirmation', async () => {
    await page.goto(`/agent/tickets/${duplicate.id}?tab=links`);
    await page.getByRole('heading', { level: 1, name: duplicate.subject }).waitFor();
    await page.getByRole('textbox', { name: 'Merge into ticket' }).fill(other.reference);
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge this ticket?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL(new RegExp(`/agent/tickets/${other.id}`));
    await page.getByRole('heading', { level: 1, name: other.subject }).waitFor();
    // The duplicate's conversation now reads in the surviving ticket, marked with where it came from.
    await page.getByText(`From ${duplicate.reference}`).first().waitFor();
    await openTab('History');
    await page
      .getByTestId('ticket-history')
      .getByText(/merged in/)
      .first()
      .waitFor();
  });

  it('resolves a ticket through an allowed transition', async () => {
    await page.goto(`/agent/tickets/${main.id}`);
    await page.getByRole('heading', { level: 1, name: main.subject }).waitFor();
    await page.getByRole('combobox', { name: 'Move to' }).click();
    await page.getByRole('option', { name: 'Resolved' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Status changed.').waitFor();
    await openTab('History');
    await page
      .getByTestId('ticket-history')
      .getByText(/Status: .* → Resolved/)
      .first()
      .waitFor();
  });
});
