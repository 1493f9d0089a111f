import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type E2e, logIn, seriousViolations, startE2e } from './harness.ts';

// The journey across the app that issue 5 names: a customer submits a ticket in Dutch in the portal; an agent finds
// it in "breaching soon", replies and resolves it in the console; the customer sees the reply and confirms the
// resolution. Acme's contract first gets a version on the demo's 24×7 calendar with a one-hour first response for
// every priority, so the new ticket is due within the hour whatever day and time the journey runs.
const CUSTOMER = 'contact@acme.example';
const SUBJECT = 'Het dashboard van de voorraad laadt niet meer';
const REPLY = 'We hebben de cache van het dashboard geleegd; het laadt weer binnen een seconde.';

describe('a ticket from the portal to the console and back', () => {
  let e2e: E2e;
  let customer: Page;
  let agent: Page;
  let admin: APIRequestContext;
  let ticketId: string;

  beforeAll(async () => {
    e2e = await startE2e();
    const adminContext = await e2e.newContext();
    admin = adminContext.request;
    const login = await admin.post('/api/v1/auth/login', {
      data: { email: 'admin@provider.example', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);

    const calendars = (await (await admin.get('/api/v1/calendars')).json()) as {
      items: { id: string; name: string }[];
    };
    const allHours = calendars.items.find((c) => c.name === '24×7');
    expect(allHours).toBeTruthy();
    const organisations = (await (await admin.get('/api/v1/organisations?limit=100')).json()) as {
      items: { id: string; name: string }[];
    };
    const acme = organisations.items.find((o) => o.name === 'Acme Manufacturing')!;
    const contracts = (await (await admin.get(`/api/v1/contracts?organisationId=${acme.id}`)).json()) as {
      items: { id: string; organisationId: string }[];
    };
    const contract = contracts.items.find((c) => c.organisationId === acme.id)!;
    const target = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    const version = await admin.post(`/api/v1/contracts/${contract.id}/versions`, {
      data: { calendarId: allHours!.id, targets: { P1: target, P2: target, P3: target, P4: target } },
    });
    expect(version.status(), await version.text()).toBe(201);

    customer = await (await e2e.newContext({ locale: 'nl-NL' })).newPage();
    agent = await (await e2e.newContext({ locale: 'en-GB' })).newPage();
    customer.setDefaultTimeout(30_000);
    agent.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the customer submits a ticket in Dutch', async () => {
    await logIn(customer, CUSTOMER);
    await customer.waitForURL(/\/portal$/);
    await customer.getByRole('link', { name: 'Nieuw ticket' }).first().click();
    await customer.getByRole('textbox', { name: 'Onderwerp' }).fill(SUBJECT);
    await customer.getByRole('combobox', { name: 'Waar gaat het over?' }).click();
    await customer.getByRole('option', { name: 'Incident' }).click();
    await customer.getByRole('radio', { name: 'Alleen ik' }).check();
    await customer.getByRole('radio', { name: 'Het kan wachten: geen haast' }).check();
    // The contract version made above: one hour to respond, around the clock.
    await customer
      .getByTestId('outcome')
      .getByText(/We reageren binnen 1 uur/)
      .waitFor();
    await customer.getByRole('textbox', { name: 'Omschrijving' }).fill('Sinds de update blijft het scherm wit.');
    await customer.getByRole('button', { name: 'Ticket indienen' }).click();
    await customer.waitForURL(/\/portal\/tickets\/(?!new)[^/]+$/);
    await customer.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    ticketId = customer.url().split('/').pop()!;
  });

  it('an agent finds it in "breaching soon", replies and resolves it', async () => {
    await logIn(agent, 'agent@provider.example');
    await agent.waitForURL(/\/agent\/tickets/);
    await agent.getByRole('link', { name: /Breaching soon/ }).click();
    await agent.getByRole('heading', { level: 2, name: 'Breaching soon' }).waitFor();
    const row = agent.getByRole('row').filter({ hasText: SUBJECT });
    await row.waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
    await row.getByRole('link').first().click();
    await agent.waitForURL(new RegExp(`/agent/tickets/${ticketId}`));
    await agent.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();

    await agent.locator('.mantine-SegmentedControl-root').getByText('Public reply').click();
    await agent.getByRole('textbox', { name: 'Reply to the customer' }).fill(REPLY);
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByTestId('article').filter({ hasText: REPLY }).waitFor();

    await agent.getByRole('combobox', { name: 'Move to' }).click();
    await agent.getByRole('option', { name: 'Resolved' }).click();
    await agent.getByRole('button', { name: 'Apply' }).click();
    await agent.getByText('Status changed.').waitFor();
    const ticket = await (await admin.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.status.kind).toBe('resolved');
  });

  it('the customer reads the reply and confirms the resolution', async () => {
    await customer.goto(`/portal/tickets/${ticketId}`);
    await customer.getByTestId('article').filter({ hasText: REPLY }).waitFor();
    await customer.getByRole('heading', { name: 'Is uw probleem opgelost?' }).waitFor();
    await customer.getByRole('button', { name: 'Ja, het is opgelost' }).click();
    await customer.getByText('Dank u wel. Het ticket is gesloten.').waitFor();
    const ticket = await (await admin.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.status.kind).toBe('closed');
  });
});
