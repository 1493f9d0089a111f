import { afterAll, describe, expect, it } from 'vitest';
import { MimeParseError, MimeParserPool } from './mime-parser.ts';

const HEAD =
  'From: Ann <ann@customer.example>\r\nTo: support@provider.example\r\nSubject: Printer\r\nMIME-Version: 1.0\r\n' +
  'Message-ID: <m1@customer.example>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n';

/** One attachment of `mb` MiB, base64 in 76-character lines: decoding it takes a while (hundreds of ms for 20 MiB). */
function withAttachment(mb: number): Buffer {
  const b64 = Buffer.alloc(mb * 1024 * 1024, 7)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `${HEAD}--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n` +
      `--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n` +
      `Content-Disposition: attachment; filename="dump.bin"\r\n\r\n${b64}\r\n--b--\r\n`,
  );
}

/** Hundreds of parts, each with a long header: parsing them builds far more than a small heap holds. */
function heavyHeaders(parts: number, kb: number): Buffer {
  const pad = 'x'.repeat(kb * 1024);
  const body = Array.from(
    { length: parts },
    (_, i) => `--b\r\nContent-Type: text/plain\r\nX-Pad: ${pad}\r\n\r\n${i}\r\n`,
  );
  return Buffer.from(`${HEAD}${body.join('')}--b--\r\n`);
}

const plain = Buffer.from('From: bob@customer.example\r\nSubject: Hello\r\n\r\nJust text.\r\n');
const limits = { timeoutMs: 30_000, maxHtmlLength: 1_000_000 };
const pools: MimeParserPool[] = [];
const pool = (heapMb = 64) => {
  const made = new MimeParserPool({ threads: 1, heapMb });
  pools.push(made);
  return made;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('parsing mail in worker threads', () => {
  it('reads headers, addresses, text and attachment bytes', async () => {
    const mail = await pool().parse(withAttachment(1), limits);
    expect(mail).toMatchObject({
      subject: 'Printer',
      messageId: '<m1@customer.example>',
      from: [{ address: 'ann@customer.example', name: 'Ann' }],
      to: [{ address: 'support@provider.example' }],
    });
    expect(mail.text?.trim()).toBe('See attached.');
    expect(mail.headerLines.find((h) => h.key === 'subject')?.line).toBe('Subject: Printer');
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: 'dump.bin', contentType: 'application/octet-stream' });
    expect(attachment!.content.byteLength).toBe(1024 * 1024);
    expect(attachment!.content.every((byte) => byte === 7)).toBe(true);
  });

  it('stops a parse that outruns its time limit by ending its thread, and parses the next on a fresh one', async () => {
    const parser = pool();
    await parser.parse(plain, limits); // the thread is up: the limit below is spent parsing, not starting
    const slow = withAttachment(20);
    const error = await parser.parse(slow, { ...limits, timeoutMs: 25 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MimeParseError);
    expect(error).toMatchObject({ reason: 'timeout', message: 'Parsing took longer than 25 ms' });
    expect(parser.stopped).toBe(1);
    expect((await parser.parse(plain, limits)).subject).toBe('Hello');
  });

  it('fails a message that needs more memory than a thread may use, and goes on', async () => {
    const parser = pool(32);
    const error = await parser.parse(heavyHeaders(900, 60), limits).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'memory', message: 'Parsing needed too much memory' });
    expect((await parser.parse(plain, limits)).subject).toBe('Hello');
  });

  it('starts the time limit when the thread is ready, not while it loads', async () => {
    // A fresh thread takes a few hundred milliseconds to load mailparser on a small machine; the parse itself, ms.
    const mail = await pool().parse(plain, { ...limits, timeoutMs: 100 });
    expect(mail.subject).toBe('Hello');
  });

  it('fails a parse whose thread goes away as unavailable, which says nothing about the message', async () => {
    const parser = new MimeParserPool({ threads: 1, heapMb: 64 });
    await parser.parse(plain, limits);
    const parsing = parser.parse(withAttachment(20), limits).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await parser.close();
    expect(await parsing).toMatchObject({ reason: 'unavailable' });
  });

  it('parses with one warm thread, and starts another only while a parse is slow', async () => {
    const parser = new MimeParserPool({ threads: 2, heapMb: 512 });
    pools.push(parser);
    for (let i = 0; i < 3; i++) {
      await Promise.all(Array.from({ length: 4 }, () => parser.parse(plain, limits)));
    }
    expect(parser.started).toBe(1);
    // A 30 MiB attachment takes far longer than SLOW_PARSE_MS: the small message behind it gets a thread of its own.
    const slow = parser.parse(withAttachment(30), limits);
    const quick = await parser.parse(plain, limits);
    expect(quick.subject).toBe('Hello');
    expect(parser.started).toBe(2);
    expect((await slow).attachments[0]!.content.byteLength).toBe(30 * 1024 * 1024);
  });

  it('runs waiting parses in turn, each within its own limit', async () => {
    const parser = pool();
    const subjects = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        parser
          .parse(Buffer.from(`From: c${i}@customer.example\r\nSubject: Turn ${i}\r\n\r\nx\r\n`), limits)
          .then((m) => m.subject),
      ),
    );
    expect(subjects).toEqual(['Turn 0', 'Turn 1', 'Turn 2', 'Turn 3', 'Turn 4', 'Turn 5']);
  });
});
