import { attachments } from '../../db/schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';

const MAX = 2048;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness({ ATTACHMENT_MAX_BYTES: String(MAX) });
  w = await makeWorld(h);
  const otherAgent = await makePerson(h, { role: 'agent', organisationId: w.provider.id });
  for (const [name, person] of Object.entries({ ...w, otherAgent })) {
    if ('email' in person) cookies[name] = await loginCookie(h, person.email);
  }
});
afterAll(() => h.close());

/** A multipart/form-data body with one file part, as a browser sends it. */
function multipart(file: { field?: string; filename: string; contentType: string; content: Buffer }) {
  const boundary = `----loket${Math.random().toString(16).slice(2)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = async (who: string, file: Parameters<typeof multipart>[0]) => {
  const body = multipart(file);
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...body.headers, cookie: cookies[who]! },
    payload: body.payload,
  });
};
const download = (who: string, id: string) =>
  h.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: { cookie: cookies[who]! } });
const post = (who: string, url: string, payload: unknown) =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { cookie: cookies[who]! },
    payload: payload as object,
  });

describe('attachments over HTTP', () => {
  it('stores an upload and serves it back only as a download, its name encoded', async () => {
    const content = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await upload('contactA', {
      filename: "../../Résumé (final)'s.html",
      contentType: 'text/html',
      content,
    });
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      filename: "Résumé (final)'s.html",
      contentType: 'text/html',
      sizeBytes: content.length,
    });

    const file = await download('contactA', attachment.id);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(file.headers['content-type']).toBe('text/html');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="R_sum_ (final)'s.html"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%27s.html`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('refuses a file over the size limit with 413', async () => {
    const res = await upload('contactA', {
      filename: 'big.bin',
      contentType: 'application/octet-stream',
      content: Buffer.alloc(MAX + 1, 1),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    const fits = await upload('contactA', {
      filename: 'fits.bin',
      contentType: 'application/octet-stream',
      content: Buffer.alloc(MAX, 1),
    });
    expect(fits.statusCode).toBe(201);
  });

  it('wants a multipart upload in the file field', async () => {
    const json = await post('contactA', '/attachments', { file: 'nope' });
    expect(json.statusCode).toBe(400);
    const wrongField = await upload('contactA', {
      field: 'document',
      filename: 'a.txt',
      contentType: 'text/plain',
      content: Buffer.from('a'),
    });
    expect(wrongField.statusCode).toBe(400);
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      ...multipart({ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows an unbound upload to its uploader only', async () => {
    const mine = (
      await upload('agent', { filename: 'draft.txt', contentType: 'text/plain', content: Buffer.from('draft') })
    ).json();
    expect((await download('agent', mine.id)).statusCode).toBe(200);
    for (const other of ['otherAgent', 'admin', 'managerA', 'contactB']) {
      expect((await download(other, mine.id)).statusCode).toBe(404);
    }
  });

  it('shows a reply’s attachment to whoever sees the ticket, a note’s to agents only', async () => {
    const ticket = (await post('contactA', '/tickets', { subject: 'Broken screen', body: 'See photo' })).json();
    const photo = (
      await upload('contactA', { filename: 'photo.png', contentType: 'image/png', content: Buffer.from('png') })
    ).json();
    const replied = await post('contactA', `/tickets/${ticket.id}/replies`, {
      body: 'Photo attached',
      attachmentIds: [photo.id],
    });
    expect(replied.statusCode).toBe(201);
    const secret = (
      await upload('agent', { filename: 'quote.pdf', contentType: 'application/pdf', content: Buffer.from('pdf') })
    ).json();
    const noted = await post('agent', `/tickets/${ticket.id}/notes`, {
      body: 'Internal price quote',
      attachmentIds: [secret.id],
    });
    expect(noted.statusCode).toBe(201);

    const status = async (who: string, id: string) => (await download(who, id)).statusCode;
    expect(await status('contactA', photo.id)).toBe(200);
    expect(await status('managerA', photo.id)).toBe(200);
    expect(await status('otherAgent', photo.id)).toBe(200);
    expect(await status('contactA2', photo.id)).toBe(404);
    expect(await status('managerB', photo.id)).toBe(404);

    expect(await status('otherAgent', secret.id)).toBe(200);
    expect(await status('contactA', secret.id)).toBe(404);
    expect(await status('managerA', secret.id)).toBe(404);

    const missing = await download('agent', '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((await download('managerA', secret.id)).body).toBe(missing.body);
    expect((await download('agent', 'not-a-uuid')).statusCode).toBe(404);
  });
});

describe('uploading without logging in', () => {
  it('is refused before the file is read', async () => {
    const h2 = await createHarness();
    try {
      const boundary = 'x-boundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
      const res = await h2.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect(res.statusCode).toBe(401);
      expect((await h2.deps.db.select().from(attachments)).length).toBe(0);
    } finally {
      await h2.close();
    }
  });
});
