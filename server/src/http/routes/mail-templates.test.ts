import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;
beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
});
afterAll(() => h.close());

type Template = { key: string; language: string; subject: string; body: string; isOverridden: boolean };
const find = async (key: string, language: string) =>
  ((await callApi(h, s.admin, 'GET', '/mail-templates')).json().items as Template[]).find(
    (t) => t.key === key && t.language === language,
  )!;

describe('mail templates', () => {
  it('lists every template in English, Dutch and Swedish', async () => {
    const res = await callApi(h, s.admin, 'GET', '/mail-templates');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Template[];
    expect(new Set(items.map((t) => t.language))).toEqual(new Set(['en', 'nl', 'sv']));
    expect(items.filter((t) => t.key === 'resolved')).toHaveLength(3);
    expect(items.every((t) => !t.isOverridden)).toBe(true);
    expect(await find('closed', 'nl')).toMatchObject({ subject: '[{{reference}}] Gesloten: {{subject}}' });
  });

  it('lets an admin change and restore a wording', async () => {
    const put = await callApi(h, s.admin, 'PUT', '/mail-templates/closed/nl', {
      subject: 'Afgerond: {{subject}}',
      body: 'Melding {{reference}} is afgerond.',
    });
    expect(put.statusCode).toBe(200);
    expect(await find('closed', 'nl')).toMatchObject({ subject: 'Afgerond: {{subject}}', isOverridden: true });
    expect((await callApi(h, s.admin, 'DELETE', '/mail-templates/closed/nl')).statusCode).toBe(204);
    expect(await find('closed', 'nl')).toMatchObject({ subject: '[{{reference}}] Gesloten: {{subject}}' });
  });

  it('refuses unknown placeholders, templates and languages', async () => {
    const bad = await callApi(h, s.admin, 'PUT', '/mail-templates/closed/en', {
      subject: 'Closed {{subject}}',
      body: 'Hi {{password}}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('{{password}}');
    const body = { subject: 'x', body: 'y' };
    expect((await callApi(h, s.admin, 'PUT', '/mail-templates/nope/en', body)).statusCode).toBe(404);
    expect((await callApi(h, s.admin, 'PUT', '/mail-templates/closed/de', body)).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    expect((await callApi(h, s.agent, 'GET', '/mail-templates')).statusCode).toBe(403);
    const body = { subject: 'x', body: 'y' };
    expect((await callApi(h, s.agent, 'PUT', '/mail-templates/closed/en', body)).statusCode).toBe(403);
    expect((await callApi(h, s.managerA, 'DELETE', '/mail-templates/closed/en')).statusCode).toBe(403);
  });
});
