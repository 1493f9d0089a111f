import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inboundMessages, mailboxes } from '../../src/db/schema.ts';
import type { Harness } from '../harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A fixture from this folder, with `replace` applied to its text (e.g. a Message-ID made unique per test). */
export function eml(name: string, replace: Record<string, string> = {}): Buffer {
  let raw = readFileSync(path.join(here, `${name}.eml`));
  for (const [from, to] of Object.entries(replace)) {
    raw = Buffer.from(raw.toString('latin1').split(from).join(Buffer.from(to, 'utf8').toString('latin1')), 'latin1');
  }
  return raw;
}

/** A plain message built from headers and a body. */
export function message(headers: Record<string, string>, body = 'Hello.'): Buffer {
  const lines = Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}

export async function makeMailbox(h: Harness, overrides: Partial<typeof mailboxes.$inferInsert> = {}) {
  const now = h.clock.now();
  const suffix = Math.random().toString(36).slice(2, 8);
  const [row] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: `Support ${suffix}`,
      address: `support-${suffix}@provider.example`,
      inbound: 'smtp',
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * Stores a raw message the way the receivers do — the bytes in the blob store, a `received` row keyed by its
 * Message-ID or content hash — without depending on them. Returns the row.
 */
export async function storeInbound(
  h: Harness,
  mailboxId: string,
  raw: Buffer,
  options: { envelopeFrom?: string | null } = {},
) {
  const { sha256, sizeBytes } = await h.deps.blobs.put(raw);
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const messageId = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
  const [row] = await h.deps.db
    .insert(inboundMessages)
    .values({
      mailboxId,
      messageKey: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      sha256,
      sizeBytes,
      envelopeFrom: options.envelopeFrom ?? null,
      envelopeTo: [],
      receivedAt: h.clock.now(),
      status: 'received',
    })
    .returning();
  return row!;
}
