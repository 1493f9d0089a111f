import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxes } from '../../db/schema.ts';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let admin: string;
let agent: string;
let managerA: string;
let contactA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ admin, agent, managerA, contactA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());

const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

const imap = { host: 'imap.example', port: 993, secure: true, user: 'desk', password: 'hunter2', folder: 'INBOX' };
const storedPassword = async (id: string) =>
  (await h.deps.db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!.imapPassword!;
const openedPassword = async (id: string) => h.deps.secrets.open('mailbox.imap_password', await storedPassword(id));

async function queued(name: string): Promise<unknown[]> {
  const jobs = await h.boss.fetch<object>(name, { batchSize: 100 });
  for (const job of jobs) await h.boss.complete(name, job.id);
  return jobs.map((j) => j.data);
}

describe('mailboxes over HTTP', () => {
  it('lets only admins see and manage mailboxes', async () => {
    const created = await call(admin, 'POST', '/mailboxes', {
      name: 'Admins only',
      address: 'only@desk.example',
      inbound: 'smtp',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (const cookie of [agent, managerA, contactA]) {
      expect((await call(cookie, 'GET', '/mailboxes')).statusCode).toBe(403);
      expect((await call(cookie, 'GET', `/mailboxes/${id}`)).statusCode).toBe(403);
      expect(
        (await call(cookie, 'POST', '/mailboxes', { name: 'X', address: 'x@desk.example', inbound: 'smtp' }))
          .statusCode,
      ).toBe(403);
      expect((await call(cookie, 'PATCH', `/mailboxes/${id}`, { isActive: false })).statusCode).toBe(403);
    }
    expect((await call(admin, 'GET', `/mailboxes/${MISSING_ID}`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/mailboxes/nope')).statusCode).toBe(404);
  });

  it('creates an SMTP mailbox with a lower-case address and unique name and address', async () => {
    const res = await call(admin, 'POST', '/mailboxes', {
      name: 'Sales',
      address: 'Sales@Desk.example',
      inbound: 'smtp',
      urgency: 'high',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Sales',
      address: 'sales@desk.example',
      inbound: 'smtp',
      imap: null,
      urgency: 'high',
      impact: 'normal',
      isActive: true,
    });
    expect(
      (await call(admin, 'POST', '/mailboxes', { name: 'Sales', address: 'other@desk.example', inbound: 'smtp' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call(admin, 'POST', '/mailboxes', { name: 'Other', address: 'sales@desk.example', inbound: 'smtp' }))
        .statusCode,
    ).toBe(409);
    const list = await call(admin, 'GET', '/mailboxes');
    expect(list.json().items.map((m: { name: string }) => m.name)).toContain('Sales');
  });

  it('never returns the IMAP password, and starts an import when an IMAP mailbox is added', async () => {
    await queued('mail.imap-sync');
    const res = await call(admin, 'POST', '/mailboxes', {
      name: 'Helpdesk',
      address: 'help@desk.example',
      inbound: 'imap',
      imap,
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('hunter2');
    expect(res.json().imap).toMatchObject({
      host: 'imap.example',
      user: 'desk',
      hasPassword: true,
      lastUid: 0,
      folder: 'INBOX',
    });
    expect(await queued('mail.imap-sync')).toEqual([{ mailboxId: res.json().id }]);
    const one = await call(admin, 'GET', `/mailboxes/${res.json().id}`);
    expect(one.body).not.toContain('hunter2');
    expect((await call(admin, 'GET', '/mailboxes')).body).not.toContain('hunter2');
    // Stored sealed: the table alone does not give the password away, and it opens to what was given.
    expect(await storedPassword(res.json().id)).toMatch(/^enc:v1:/);
    expect(await openedPassword(res.json().id)).toBe('hunter2');
  });

  it('refuses an IMAP mailbox without settings and unknown fields', async () => {
    expect(
      (await call(admin, 'POST', '/mailboxes', { name: 'No imap', address: 'noimap@desk.example', inbound: 'imap' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(admin, 'POST', '/mailboxes', {
          name: 'Smtp imap',
          address: 'si@desk.example',
          inbound: 'smtp',
          imap,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(admin, 'POST', '/mailboxes', {
          name: 'Extra',
          address: 'extra@desk.example',
          inbound: 'smtp',
          imapPassword: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(admin, 'POST', '/mailboxes', {
          name: 'Bad group',
          address: 'bg@desk.example',
          inbound: 'smtp',
          groupId: MISSING_ID,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('changes a mailbox, keeps the stored password when none is given, and retires it with isActive false', async () => {
    const res = await call(admin, 'POST', '/mailboxes', {
      name: 'Changing',
      address: 'changing@desk.example',
      inbound: 'imap',
      imap,
    });
    const id = res.json().id as string;
    const { password: _password, ...withoutPassword } = imap;
    const patched = await call(admin, 'PATCH', `/mailboxes/${id}`, {
      name: 'Changed',
      imap: { ...withoutPassword, folder: 'Support' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Changed',
      imap: { folder: 'Support', hasPassword: true, lastUid: 0 },
    });
    expect(await openedPassword(id)).toBe('hunter2');
    const again = await call(admin, 'PATCH', `/mailboxes/${id}`, { imap: { ...imap, password: 'correct horse' } });
    expect(again.statusCode).toBe(200);
    expect(await openedPassword(id)).toBe('correct horse');
    const retired = await call(admin, 'PATCH', `/mailboxes/${id}`, { isActive: false });
    expect(retired.json().isActive).toBe(false);
    expect((await call(admin, 'PATCH', `/mailboxes/${MISSING_ID}`, { isActive: false })).statusCode).toBe(404);
  });

  it('asks for the password again before the mailbox points at another server, user or transport', async () => {
    const res = await call(admin, 'POST', '/mailboxes', {
      name: 'Pinned',
      address: 'pinned@desk.example',
      inbound: 'imap',
      imap,
    });
    const id = res.json().id as string;
    const { password: _password, ...withoutPassword } = imap;
    for (const change of [{ host: 'collector.evil.example' }, { user: 'someone-else' }, { secure: !imap.secure }]) {
      const moved = await call(admin, 'PATCH', `/mailboxes/${id}`, { imap: { ...withoutPassword, ...change } });
      expect(moved.statusCode).toBe(400);
    }
    const withPassword = await call(admin, 'PATCH', `/mailboxes/${id}`, {
      imap: { ...imap, host: 'imap2.desk.example' },
    });
    expect(withPassword.statusCode).toBe(200);
  });
});
