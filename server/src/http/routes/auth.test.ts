import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, people, sessions } from '../../db/schema.ts';
import { loginCookie, makeOrganisation, makePerson, makeWorld, TEST_PASSWORD } from '../../../test/factories.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: '3' });
  world = await makeWorld(h);
});
afterAll(() => h.close());

const login = (email: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('logging in and out', () => {
  it('sets an HttpOnly SameSite session cookie and answers who you are', async () => {
    const res = await login(world.managerA.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: world.managerA.id, role: 'manager', organisation: { id: world.orgA.id } });
    const cookie = res.cookies.find((c) => c.name === 'loket_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    // The secret itself is never stored: only its hash.
    const stored = await h.deps.db.select().from(sessions).where(eq(sessions.personId, world.managerA.id));
    expect(stored.map((s) => s.tokenHash)).not.toContain(cookie.value);
  });

  it('answers a wrong password and an unknown address the same way', async () => {
    const wrong = await login(world.contactB.email, 'not the password');
    const unknown = await login('nobody@nowhere.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('limits failed logins per address, even with the right password after the limit', async () => {
    const person = await makePerson(h, { role: 'contact', organisationId: world.orgB.id });
    for (let i = 0; i < 3; i++) expect((await login(person.email, 'wrong')).statusCode).toBe(401);
    const limited = await login(person.email, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    h.clock.advance(16 * 60_000);
    expect((await login(person.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts parallel attempts against each other: no more than the limit get their password checked', async () => {
    const person = await makePerson(h, { role: 'contact', organisationId: world.orgB.id });
    const results = await Promise.all(Array.from({ length: 8 }, () => login(person.email, 'wrong')));
    const statuses = results.map((r) => r.statusCode);
    // How many of the first three get through depends on how the database interleaves them; never more.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('revokes the session on logout', async () => {
    const cookie = await loginCookie(h, world.contactA.email);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a deactivated person and everyone of a deactivated organisation, sessions included', async () => {
    const org = await makeOrganisation(h);
    const person = await makePerson(h, { role: 'manager', organisationId: org.id });
    const cookie = await loginCookie(h, person.email);
    await h.deps.db.update(organisations).set({ isActive: false }).where(eq(organisations.id, org.id));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login(person.email, TEST_PASSWORD)).statusCode).toBe(401);
    await h.deps.db.update(organisations).set({ isActive: true }).where(eq(organisations.id, org.id));
    await h.deps.db.update(people).set({ isActive: false }).where(eq(people.id, person.id));
    expect((await login(person.email, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a login posted from another origin', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: world.contactA.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toHaveLength(0);
  });

  it('refuses cookie-authenticated writes from another origin', async () => {
    const cookie = await loginCookie(h, world.contactA.email);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { subject: 'x', body: 'y' },
    });
    expect(res.statusCode).toBe(403);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie, origin: 'http://localhost:3000' },
      payload: { subject: 'x', body: 'y' },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('are created once with their secret, work as Bearer tokens, and stop working when revoked', async () => {
    const cookie = await loginCookie(h, world.agent.email);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie },
      payload: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^lkt_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().id).toBe(world.agent.id);
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer });
    expect(list.body).not.toContain(token);
    expect(list.json().items[0].lastUsedAt).not.toBeNull();

    // A token cannot mint further tokens.
    const minted = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: bearer,
      payload: { name: 'x' },
    });
    expect(minted.statusCode).toBe(403);

    await h.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: { cookie } });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses an expired token', async () => {
    const cookie = await loginCookie(h, world.agent.email);
    const expiresAt = new Date(h.clock.now().getTime() + 60_000).toISOString();
    const { token } = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: { cookie },
        payload: { name: 'short', expiresAt },
      })
    ).json();
    h.clock.advance(61_000);
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('changing your password', () => {
  it('ends your other sessions and your API tokens, but not the session you changed it in', async () => {
    const person = await makePerson(h, { role: 'contact', organisationId: world.orgA.id });
    const here = await loginCookie(h, person.email);
    const elsewhere = await loginCookie(h, person.email);
    const { token } = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: { cookie: here },
        payload: { name: 't' },
      })
    ).json();
    const changed = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: here },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much newer secret' },
    });
    expect(changed.statusCode).toBe(200);
    const me = (headers: Record<string, string>) => h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect((await me({ cookie: here })).statusCode).toBe(200);
    expect((await me({ cookie: elsewhere })).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });
});
