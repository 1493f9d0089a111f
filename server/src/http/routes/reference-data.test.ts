import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let admin: string;
let agent: string;
let contactA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ admin, agent, contactA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());

const MISSING = MISSING_ID;
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

type Item = { id: string; key: string; isActive: boolean; position: number; kind: string; transitionsTo: string[] };
const items = async (cookie: string, url: string) => (await call(cookie, 'GET', url)).json().items as Item[];
const byKey = async (url: string, key: string) => (await items(agent, url)).find((i) => i.key === key)!;
const openTicket = (payload: object) =>
  call(contactA, 'POST', '/tickets', { subject: 'Something', body: 'Broke', ...payload }).then((r) => r.json());

describe('categories', () => {
  it('lets only admins create them, with unique keys, placed last', async () => {
    const payload = { key: 'hardware', name: 'Hardware', translations: { nl: 'Hardware' } };
    expect((await call(agent, 'POST', '/categories', payload)).statusCode).toBe(403);
    const res = await call(admin, 'POST', '/categories', payload);
    expect(res.statusCode).toBe(201);
    const positions = (await items(agent, '/categories')).map((c) => c.position);
    expect(res.json().position).toBe(Math.max(...positions));
    expect((await call(admin, 'POST', '/categories', { key: 'hardware', name: 'Again' })).statusCode).toBe(409);
    expect((await call(admin, 'POST', '/categories', { key: 'Bad Key', name: 'x' })).statusCode).toBe(400);
  });

  it('hides deactivated categories from customers but not from agents', async () => {
    const category = await byKey('/categories', 'maintenance');
    const res = await call(admin, 'PATCH', `/categories/${category.id}`, { isActive: false, name: 'Upkeep' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'maintenance', name: 'Upkeep', isActive: false });
    expect((await items(contactA, '/categories')).map((c) => c.key)).not.toContain('maintenance');
    expect((await items(agent, '/categories')).map((c) => c.key)).toContain('maintenance');
  });

  it('keeps one category active', async () => {
    const active = (await items(agent, '/categories')).filter((c) => c.isActive);
    const [survivor, ...rest] = active;
    for (const c of rest) {
      expect((await call(admin, 'PATCH', `/categories/${c.id}`, { isActive: false })).statusCode).toBe(200);
    }
    const refused = await call(admin, 'PATCH', `/categories/${survivor!.id}`, { isActive: false });
    expect(refused.statusCode).toBe(409);
    expect((await items(contactA, '/categories')).map((c) => c.id)).toEqual([survivor!.id]);
    for (const c of rest) await call(admin, 'PATCH', `/categories/${c.id}`, { isActive: true });
  });

  it('refuses a new key, unknown categories and non-admins on update', async () => {
    const category = await byKey('/categories', 'incident');
    expect((await call(admin, 'PATCH', `/categories/${category.id}`, { key: 'other' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', `/categories/${MISSING}`, { name: 'x' })).statusCode).toBe(404);
    expect((await call(agent, 'PATCH', `/categories/${category.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(contactA, 'PATCH', `/categories/${category.id}`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('statuses', () => {
  it('shows everyone the statuses with the transitions out of each', async () => {
    const statuses = await items(contactA, '/statuses');
    const open = statuses.find((s) => s.key === 'open')!;
    const closed = statuses.find((s) => s.key === 'closed')!;
    expect(open.kind).toBe('new');
    expect(open.transitionsTo).toHaveLength(statuses.length - 1);
    expect(closed.transitionsTo).toEqual([]);
  });

  it('creates a status with transitions in both directions, and refuses a taken key', async () => {
    const open = await byKey('/statuses', 'open');
    const inProgress = await byKey('/statuses', 'in_progress');
    const res = await call(admin, 'POST', '/statuses', {
      key: 'triage',
      name: 'Triage',
      kind: 'new',
      transitionsTo: [inProgress.id],
      transitionsFrom: [open.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'triage', kind: 'new', isActive: true, transitionsTo: [inProgress.id] });
    expect((await byKey('/statuses', 'open')).transitionsTo).toContain(res.json().id);

    expect((await call(admin, 'POST', '/statuses', { key: 'triage', name: 'Again', kind: 'open' })).statusCode).toBe(
      409,
    );
    const unknownTarget = await call(admin, 'POST', '/statuses', {
      key: 'dangling',
      name: 'Dangling',
      kind: 'open',
      transitionsTo: [MISSING],
    });
    expect(unknownTarget.statusCode).toBe(400);
    expect((await items(agent, '/statuses')).map((s) => s.key)).not.toContain('dangling');
    expect((await call(agent, 'POST', '/statuses', { key: 'mine', name: 'Mine', kind: 'open' })).statusCode).toBe(403);
  });

  it('never changes the kind of a status', async () => {
    const resolved = await byKey('/statuses', 'resolved');
    const res = await call(admin, 'PATCH', `/statuses/${resolved.id}`, { kind: 'closed' });
    expect(res.statusCode).toBe(400);
    expect((await byKey('/statuses', 'resolved')).kind).toBe('resolved');
  });

  it('replaces the outgoing transitions, never with the status itself', async () => {
    const planned = await byKey('/statuses', 'planned');
    const resolved = await byKey('/statuses', 'resolved');
    const inProgress = await byKey('/statuses', 'in_progress');
    const res = await call(admin, 'PATCH', `/statuses/${planned.id}`, { transitionsTo: [resolved.id, inProgress.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().transitionsTo).toEqual([inProgress.id, resolved.id]);
    const self = await call(admin, 'PATCH', `/statuses/${planned.id}`, { transitionsTo: [planned.id] });
    expect(self.statusCode).toBe(400);
    expect((await byKey('/statuses', 'planned')).transitionsTo).toEqual([inProgress.id, resolved.id]);
    // Incoming transitions belong to the other statuses and are left alone.
    expect((await byKey('/statuses', 'open')).transitionsTo).toContain(planned.id);
  });

  it('keeps one active status of kind new, open, resolved and closed', async () => {
    for (const [key, kind] of [
      ['in_progress', 'open'],
      ['resolved', 'resolved'],
      ['closed', 'closed'],
    ] as const) {
      const status = await byKey('/statuses', key);
      const res = await call(admin, 'PATCH', `/statuses/${status.id}`, { isActive: false });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain(kind);
    }
    // Two of kind new (open, and triage from above): one may go, the last may not.
    const open = await byKey('/statuses', 'open');
    const triage = await byKey('/statuses', 'triage');
    expect((await call(admin, 'PATCH', `/statuses/${open.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/statuses/${triage.id}`, { isActive: false })).statusCode).toBe(409);
    // New tickets start in the remaining active status of kind new.
    expect((await openTicket({})).status.key).toBe('triage');
    expect((await call(admin, 'PATCH', `/statuses/${open.id}`, { isActive: true })).statusCode).toBe(200);
    // A kind that is not required may lose its last active status.
    const planned = await byKey('/statuses', 'planned');
    const deploy = await byKey('/statuses', 'waiting_for_deploy');
    expect((await call(admin, 'PATCH', `/statuses/${planned.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/statuses/${deploy.id}`, { isActive: false })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown status and 403 for non-admins', async () => {
    const open = await byKey('/statuses', 'open');
    expect((await call(admin, 'PATCH', `/statuses/${MISSING}`, { name: 'x' })).statusCode).toBe(404);
    expect((await call(agent, 'PATCH', `/statuses/${open.id}`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('priority matrix', () => {
  const cells = (overrides: Record<string, string> = {}) =>
    (['high', 'normal', 'low'] as const).flatMap((urgency) =>
      (['high', 'normal', 'low'] as const).map((impact) => ({
        urgency,
        impact,
        priority: overrides[`${urgency}/${impact}`] ?? 'P4',
      })),
    );

  it('shows every cell to everyone', async () => {
    const res = await call(contactA, 'GET', '/priority-matrix');
    expect(res.statusCode).toBe(200);
    expect(res.json().cells).toHaveLength(9);
    expect(res.json().cells[0]).toEqual({ urgency: 'high', impact: 'high', priority: 'P1' });
  });

  it('accepts all nine cells from admins only, each once', async () => {
    expect((await call(agent, 'PUT', '/priority-matrix', { cells: cells() })).statusCode).toBe(403);
    expect((await call(admin, 'PUT', '/priority-matrix', { cells: cells().slice(1) })).statusCode).toBe(400);
    const twice = cells();
    twice[8] = { ...twice[0]! };
    expect((await call(admin, 'PUT', '/priority-matrix', { cells: twice })).statusCode).toBe(400);
  });

  it('prioritises new tickets with the new matrix and leaves existing ones alone', async () => {
    const before = await openTicket({ urgency: 'normal', impact: 'normal' });
    expect(before.priority).toBe('P3');

    const res = await call(admin, 'PUT', '/priority-matrix', { cells: cells({ 'normal/normal': 'P1' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json().cells).toContainEqual({ urgency: 'normal', impact: 'normal', priority: 'P1' });

    expect((await openTicket({ urgency: 'normal', impact: 'normal' })).priority).toBe('P1');
    expect((await call(contactA, 'GET', `/tickets/${before.id}`)).json().priority).toBe('P3');
  });
});

describe('settings', () => {
  it('shows the settings to agents, not to customers', async () => {
    const res = await call(agent, 'GET', '/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ticketPrefix: 'LK',
      reopenWindowDays: 14,
      defaultLanguage: 'en',
      rawMailRetentionDays: null,
    });
    expect((await call(contactA, 'GET', '/settings')).statusCode).toBe(403);
  });

  it('lets only admins change them, validating each', async () => {
    expect((await call(agent, 'PATCH', '/settings', { reopenWindowDays: 3 })).statusCode).toBe(403);
    expect((await call(admin, 'PATCH', '/settings', { ticketPrefix: 'lk-' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', '/settings', { theme: 'dark' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', '/settings', { rawMailRetentionDays: 0 })).statusCode).toBe(400);
    const res = await call(admin, 'PATCH', '/settings', { reopenWindowDays: 7, defaultLanguage: 'nl' });
    expect(res.json()).toEqual({
      ticketPrefix: 'LK',
      reopenWindowDays: 7,
      defaultLanguage: 'nl',
      rawMailRetentionDays: null,
    });
    expect((await call(admin, 'PATCH', '/settings', { rawMailRetentionDays: 90 })).json()).toMatchObject({
      reopenWindowDays: 7,
      rawMailRetentionDays: 90,
    });
    // null sets it back: raw mail is kept for ever.
    expect((await call(admin, 'PATCH', '/settings', { rawMailRetentionDays: null })).json()).toMatchObject({
      rawMailRetentionDays: null,
    });
  });

  it('applies a new ticket prefix to new tickets only', async () => {
    const old = await openTicket({});
    expect(old.reference).toMatch(/^LK-/);
    const res = await call(admin, 'PATCH', '/settings', { ticketPrefix: 'HD' });
    expect(res.json().ticketPrefix).toBe('HD');
    expect((await openTicket({})).reference).toMatch(/^HD-26-\d{5}$/);
    expect((await call(contactA, 'GET', `/tickets/${old.id}`)).json().reference).toBe(old.reference);
  });
});
