import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../../test/api.ts';
import { makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { outbox, people } from '../../db/schema.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: '3' });
  w = await makeWorld(h);
});
afterAll(() => h.close());

const ask = (email: string, ip = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login-link', payload: { email }, remoteAddress: ip });
const redeem = (token: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login-link/redeem', payload: { token } });
const mailsTo = (email: string) =>
  h.deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email.toLowerCase()), eq(outbox.kind, 'login_link')));
const tokenOf = (body: string) => /#token=([A-Za-z0-9_-]+)/.exec(body)![1]!;

describe('one-time login links', () => {
  it('mails a link in the customer’s language that logs in once', async () => {
    const res = await ask(w.contactA.email);
    expect(res.statusCode).toBe(202);
    const [mail] = await mailsTo(w.contactA.email);
    expect(mail).toMatchObject({ kind: 'login_link', automatic: true, language: 'en' });
    expect(mail!.textBody).toContain(`${h.deps.config.publicUrl}/login/link#token=`);
    const token = tokenOf(mail!.textBody);

    const first = await redeem(token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: w.contactA.id });
    const cookie = first.cookies.find((c) => c.name === 'loket_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await callApi(h, `loket_session=${cookie!.value}`, 'GET', '/auth/me');
    expect(me.json()).toMatchObject({ id: w.contactA.id });

    const second = await redeem(token);
    expect(second.statusCode).toBe(401);
  });

  it('refuses a link after 15 minutes, and a wrong one, with the same answer', async () => {
    await ask(w.managerA.email);
    const [mail] = await mailsTo(w.managerA.email);
    h.clock.advance(15 * 60_000 + 1);
    const expired = await redeem(tokenOf(mail!.textBody));
    const wrong = await redeem('not-a-token-at-all');
    expect(expired.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(expired.body).toBe(wrong.body);
  });

  it('answers an unknown address, or an agent’s, exactly like a customer’s, and mails nothing', async () => {
    const known = await ask(w.contactB.email, '10.0.0.2');
    const unknown = await ask('nobody@nowhere.example', '10.0.0.3');
    const agent = await ask(w.agent.email, '10.0.0.4');
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(agent.body).toBe(known.body);
    expect(await mailsTo('nobody@nowhere.example')).toEqual([]);
    expect(await mailsTo(w.agent.email)).toEqual([]);
  });

  it('mails in Dutch to a customer who reads Dutch', async () => {
    await h.deps.db.update(people).set({ language: 'nl' }).where(eq(people.id, w.contactA2.id));
    await ask(w.contactA2.email, '10.0.0.5');
    const [mail] = await mailsTo(w.contactA2.email);
    expect(mail).toMatchObject({ language: 'nl', subject: 'Uw inloglink' });
  });

  it('is rate limited like the login', async () => {
    const email = 'flood@nowhere.example';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await ask(email, `10.0.1.${i}`)).statusCode);
    expect(answers.slice(0, 3)).toEqual([202, 202, 202]);
    expect(answers.at(-1)).toBe(429);
  });

  it('voids the person’s other unused links when one is spent', async () => {
    await ask(w.managerB.email, '10.0.2.1');
    await ask(w.managerB.email, '10.0.2.2');
    const mails = await mailsTo(w.managerB.email);
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => tokenOf(m.textBody));
    expect((await redeem(second!)).statusCode).toBe(200);
    expect((await redeem(first!)).statusCode).toBe(401);
  });

  it('refuses the link of a person who is no longer a customer', async () => {
    const person = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    await ask(person.email, '10.0.2.3');
    const [mail] = await mailsTo(person.email);
    await h.deps.db.update(people).set({ role: 'agent' }).where(eq(people.id, person.id));
    const res = await redeem(tokenOf(mail!.textBody));
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'loket_session')).toBeUndefined();
  });
});
