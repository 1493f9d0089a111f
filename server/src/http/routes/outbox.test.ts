import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, makeLoggedInWorld, MISSING_ID } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;
beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
});
afterAll(() => h.close());

describe('GET /outbox', () => {
  it('shows admins the mail kept without SMTP_URL, newest first, a page at a time', async () => {
    const ctx = h.as({ ...s.world.contactA, role: 'contact' });
    for (const subject of ['First', 'Second', 'Third']) {
      await createTicket({ ctx, input: { subject, body: 'Body' } });
      h.clock.advance(1000);
    }
    const first = await callApi(h, s.admin, 'GET', '/outbox?status=kept&limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items.map((m: { subject: string }) => m.subject.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'We received your request: Third',
      'We received your request: Second',
    ]);
    expect(page.items[0]).toMatchObject({ kind: 'acknowledgement', status: 'kept', automatic: true });
    const second = await callApi(h, s.admin, 'GET', `/outbox?status=kept&limit=2&cursor=${page.nextCursor}`);
    expect(second.json().items.map((m: { subject: string }) => m.subject)).toEqual([expect.stringContaining('First')]);
    expect(second.json().nextCursor).toBeNull();
    expect((await callApi(h, s.admin, 'GET', '/outbox?status=sent')).json().items).toEqual([]);

    const one = await callApi(h, s.admin, 'GET', `/outbox/${page.items[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().textBody).toContain(one.json().subject.match(/^\[([^\]]+)\]/)[1]);
  });

  it('is for admins only, and answers 404 for a missing mail', async () => {
    expect((await callApi(h, s.agent, 'GET', '/outbox')).statusCode).toBe(403);
    expect((await callApi(h, s.contactA, 'GET', '/outbox')).statusCode).toBe(403);
    expect((await callApi(h, s.admin, 'GET', `/outbox/${MISSING_ID}`)).statusCode).toBe(404);
    expect((await callApi(h, s.admin, 'GET', '/outbox?status=lost')).statusCode).toBe(400);
  });
});
