import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoketProcess, startLoketProcess } from '../../../test/loket-process.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { openDatabase } from '../../db/client.ts';
import { DEMO_MAILBOX, DEMO_PASSWORD } from '../demo/seed-demo.ts';

/**
 * The promise of issue 4, with real processes: "A crash at any step (kill -9) loses nothing: after restart each
 * message is processed exactly once and sends at most one notification per article." `loket serve` (PGlite in a
 * temporary DATA_DIR, demo data, jobs on, SMTP_URL to a capturing sink) receives MESSAGES messages over concurrent
 * SMTP connections and is killed with SIGKILL once KILL_AFTER of them had their 250 — while others are in their DATA
 * phase and jobs are filing and sending. It restarts on the same DATA_DIR; every message without a 250 is sent again
 * (as an MTA retries) and so are DUPLICATES that had one. The database and the sink then must show each message once.
 */
const MESSAGES = 60;
const KILL_AFTER = 20;
const DUPLICATES = 5;
const CONCURRENCY = 10;
const DOMAINS = ['acme.example', 'nordic.example', 'hosting.example'];

type Outcome = 'accepted' | 'failed';

// Jobs a killed process had fetched are handed out again once their heartbeats stop (jobs/workers.ts
// HEARTBEAT_SECONDS, checked by the supervisor of the restarted process). The server runs on the embedded database in
// its own data folder whatever TEST_DATABASE_URL says, so the PostgreSQL pass of CI skips this (same test, twice).
describe.skipIf(process.env.TEST_DATABASE_URL !== undefined)('mail crash safety (kill -9 of loket serve)', () => {
  let dataDir: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const servers: LoketProcess[] = [];
  const start = async () => {
    const server = await startLoketProcess({
      dataDir,
      env: { DEMO_DATA: 'true', RUN_JOBS: 'true', SMTP_URL: sink.url },
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-crash-'));
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    for (const server of servers) await server.kill();
    await sink?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const senders = Array.from({ length: MESSAGES }, (_, i) => `crash-${i}@${DOMAINS[i % DOMAINS.length]}`);
  const messageKeys = senders.map((_, i) => `crash-${i}@customer.example`);
  const mail = (i: number): SendMailOptions => ({
    envelope: { from: senders[i]!, to: [DEMO_MAILBOX] },
    from: senders[i]!,
    to: DEMO_MAILBOX,
    subject: `Crash test message ${i}`,
    text: `Message ${i}: the VPN drops every few minutes.\n`,
    messageId: `<${messageKeys[i]}>`,
  });

  /** Sends the messages CONCURRENCY at a time, each on its own connection, as independent MTAs would. */
  async function send(
    port: number,
    indexes: number[],
    onAccepted?: (accepted: number) => void,
  ): Promise<Map<number, Outcome>> {
    const outcomes = new Map<number, Outcome>();
    const queue = [...indexes];
    let accepted = 0;
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port,
          secure: false,
          ignoreTLS: true,
          connectionTimeout: 5000,
          socketTimeout: 10_000,
        });
        try {
          await transport.sendMail(mail(i));
          outcomes.set(i, 'accepted');
          onAccepted?.(++accepted);
        } catch {
          outcomes.set(i, 'failed');
        } finally {
          transport.close();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return outcomes;
  }

  it(
    'files every message exactly once and sends at most one acknowledgement per ticket',
    { timeout: 180_000 },
    async () => {
      const first = await start();
      let killed: Promise<void> | undefined;
      const before = await send(
        first.smtpPort,
        senders.map((_, i) => i),
        (accepted) => {
          if (accepted === KILL_AFTER) killed = first.kill();
        },
      );
      await killed;
      const acceptedBefore = [...before].filter(([, o]) => o === 'accepted').map(([i]) => i);
      const retry = [...before].filter(([, o]) => o === 'failed').map(([i]) => i);
      // The kill must have cut the run short, or this proves nothing.
      expect(acceptedBefore.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(retry.length).toBeGreaterThan(0);
      const sinkBeforeRestart = sink.messages.length;

      const second = await start();
      const duplicates = acceptedBefore.slice(0, DUPLICATES);
      const after = await send(second.smtpPort, [...retry, ...duplicates]);
      expect([...after.values()].every((o) => o === 'accepted')).toBe(true);

      // Every message filed, and every customer acknowledged (the acknowledgements of messages filed before the kill
      // may have been sent before it already).
      const cookie = await logIn(second.base);
      const allProcessed = await waitFor(async () => {
        const res = await fetch(`${second.base}/api/v1/inbound-messages?status=received&limit=1`, {
          headers: { cookie },
        });
        return res.ok && ((await res.json()) as { items: unknown[] }).items.length === 0;
      }, 'no inbound message left unprocessed').then(
        () => true,
        () => false,
      );
      const acknowledged = () => new Set(acknowledgements().map((a) => a.to));
      const allAcknowledged = await (allProcessed ? waitFor : () => Promise.reject(new Error('skipped')))(
        async () => acknowledged().size === MESSAGES,
        'an acknowledgement for every sender',
      ).then(
        () => true,
        () => false,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a late duplicate would arrive now
      await second.stop();

      // The PGlite data dir, reopened after a kill and a restart, read directly.
      const database = await openDatabase({ dataDir: path.join(dataDir, 'pg') });
      try {
        if (database.kind !== 'pglite') throw new Error('expected PGlite');
        const query = async <T>(sql: string, params: unknown[] = []) =>
          (await database.pglite.query<T>(sql, params)).rows;
        const rows = await query<{ message_key: string; status: string; ticket_id: string; article_id: string }>(
          `SELECT message_key, status, ticket_id, article_id FROM inbound_messages WHERE message_key = ANY($1::text[])`,
          [messageKeys],
        );
        if (!allProcessed) {
          const stuck = await query(
            `SELECT m.message_key, m.attempts, j.state, j.started_on, j.retry_count
               FROM inbound_messages m
               LEFT JOIN pgboss.job j ON j.name = 'mail.process' AND j.data->>'inboundId' = m.id::text
              WHERE m.status = 'received'`,
          );
          throw new Error(
            `${stuck.length} inbound messages were still unprocessed 60 s after the restart: ${JSON.stringify(stuck)}`,
          );
        }
        // One row per Message-ID, processed, with its own article on its own ticket.
        expect(rows.map((r) => r.message_key).sort()).toEqual([...messageKeys].sort());
        expect(rows.every((r) => r.status === 'processed' && r.ticket_id && r.article_id)).toBe(true);
        expect(new Set(rows.map((r) => r.article_id)).size).toBe(MESSAGES);
        expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(MESSAGES);
        // Each sender has exactly one ticket with exactly one article: no message was filed twice.
        const perSender = await query<{ email: string; tickets: number; articles: number }>(
          `SELECT p.email, count(DISTINCT t.id)::int AS tickets, count(a.id)::int AS articles
           FROM people p JOIN tickets t ON t.requester_id = p.id JOIN articles a ON a.ticket_id = t.id
          WHERE p.email = ANY($1::text[]) GROUP BY p.email`,
          [senders],
        );
        expect(perSender).toHaveLength(MESSAGES);
        expect(perSender.filter((s) => s.tickets !== 1 || s.articles !== 1)).toEqual([]);
        // One acknowledgement row per ticket, sent.
        const outbox = await query<{ ticket_id: string; rows: number; sent: number }>(
          `SELECT ticket_id, count(*)::int AS rows, count(*) FILTER (WHERE status = 'sent')::int AS sent
           FROM outbox WHERE kind = 'acknowledgement' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`,
          [rows.map((r) => r.ticket_id)],
        );
        if (!allAcknowledged) {
          const jobs = await query(
            `SELECT name, state, count(*)::int AS n, min(start_after) AS start_after, min(started_on) AS started_on
             FROM pgboss.job WHERE name LIKE 'mail.%' GROUP BY 1, 2 ORDER BY 1, 2`,
          );
          const states = await query(`SELECT kind, status, count(*)::int AS n FROM outbox GROUP BY 1, 2 ORDER BY 1, 2`);
          throw new Error(
            `only ${acknowledged().size} of ${MESSAGES} senders were acknowledged within 90 s; ` +
              `jobs ${JSON.stringify(jobs)}; outbox ${JSON.stringify(states)}`,
          );
        }
        expect(outbox).toHaveLength(MESSAGES);
        expect(outbox.filter((o) => o.rows !== 1 || o.sent !== 1)).toEqual([]);
      } finally {
        await database.close();
      }

      // On the wire: one acknowledgement (one outbox row, one Message-ID) per sender. The documented window — the sink
      // accepted the mail, the process died before marking it sent — may repeat that very mail (same X-Loket-Outbox,
      // same Message-ID): never a second, different acknowledgement, and never more than one repetition.
      const bySender = new Map<string, { outboxIds: Set<string>; copies: number }>();
      for (const ack of acknowledgements()) {
        const entry = bySender.get(ack.to) ?? { outboxIds: new Set(), copies: 0 };
        entry.outboxIds.add(ack.outboxId);
        entry.copies++;
        bySender.set(ack.to, entry);
      }
      expect(bySender.size).toBe(MESSAGES);
      expect([...bySender.values()].filter((e) => e.outboxIds.size !== 1 || e.copies > 2)).toEqual([]);
      const repeated = [...bySender.values()].filter((e) => e.copies > 1).length;
      // Every mail at all (agents' notifications too) went out at most twice, and only with one Message-ID per outbox row.
      const perOutbox = new Map<string, Set<string>>();
      let copies = 0;
      for (const m of sink.messages) {
        const h = headersOf(m.raw);
        const id = h.get('x-loket-outbox');
        if (!id) continue;
        copies++;
        perOutbox.set(id, (perOutbox.get(id) ?? new Set()).add(h.get('message-id') ?? ''));
      }
      expect([...perOutbox.values()].filter((ids) => ids.size !== 1)).toEqual([]);
      console.info(
        `crash safety: killed after ${acceptedBefore.length} of ${MESSAGES} messages had their 250 ` +
          `(${retry.length} without, re-sent; ${duplicates.length} re-sent as duplicates); ` +
          `${sinkBeforeRestart} mails reached the sink before the kill, ${sink.messages.length} in all ` +
          `(${perOutbox.size} outbox rows, ${copies - perOutbox.size} repeated copies; ${repeated} acknowledgements repeated)`,
      );
    },
  );

  function acknowledgements(): { to: string; outboxId: string }[] {
    const wanted = new Set(senders);
    return sink.messages
      .filter((m) => wanted.has(m.to[0] ?? ''))
      .map((m) => ({ to: m.to[0]!, outboxId: headersOf(m.raw).get('x-loket-outbox') ?? '' }));
  }
});

function headersOf(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !headers.has(line.slice(0, colon).toLowerCase()))
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@provider.example', password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}
