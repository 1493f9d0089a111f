import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../context.ts';
import { type StatusSnapshot, type StatusViewer, loadStatusSnapshot } from './load-status-snapshot.ts';
import { changedLocallyRecently, statusPageVersion } from './status-page-version.ts';

/**
 * How long a cached page is served without asking the database whether anything changed. Changes made by this
 * process are seen at once (they mark the cache); changes by another process (a worker's monitor) within this time.
 */
const FRESH_MS = 1000;
/** A page is rebuilt at least this often even when nothing changed: uptime bars move with the clock. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 2000;

/** The bytes to send, encoded once: writing a cached Buffer costs less than encoding a string on every request. */
type Rendered = { body: Buffer; etag: string };
type Entry = {
  version: number;
  checkedAt: number;
  builtAt: number;
  snapshot: StatusSnapshot;
  rendered: Map<string, Rendered>;
};

export type StatusView = {
  snapshot: StatusSnapshot;
  /** A representation of the snapshot, made once per snapshot and kept with it, with a strong ETag. */
  render(format: string, make: (snapshot: StatusSnapshot) => string): Rendered;
};

const entries = new Map<string, Entry>();
let loading = new Map<string, Promise<Entry>>();

const keyOf = (viewer: StatusViewer) => (viewer.kind === 'organisation' ? `org:${viewer.organisationId}` : viewer.kind);

/**
 * The status page for a viewer from an in-process cache keyed on the page's change counter: repeated requests cost
 * no query at all for up to a second, then one single-row read; only a change rebuilds the snapshot. Concurrent
 * misses share one load.
 */
export async function getStatusView(deps: ServiceDeps, viewer: StatusViewer): Promise<StatusView> {
  const key = keyOf(viewer);
  const nowMs = Date.now();
  if (changedLocallyRecently(nowMs)) for (const entry of entries.values()) entry.checkedAt = 0;
  let entry = entries.get(key);
  if (!entry || nowMs - entry.checkedAt >= FRESH_MS || nowMs - entry.builtAt >= MAX_AGE_MS) {
    const pending = loading.get(key) ?? refresh(deps, viewer, key, entry, nowMs);
    loading.set(key, pending);
    try {
      entry = await pending;
    } finally {
      loading.delete(key);
    }
  }
  const current = entry;
  return {
    snapshot: current.snapshot,
    render(format, make) {
      let done = current.rendered.get(format);
      if (!done) {
        const body = Buffer.from(make(current.snapshot), 'utf8');
        done = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
        current.rendered.set(format, done);
      }
      return done;
    },
  };
}

async function refresh(
  deps: ServiceDeps,
  viewer: StatusViewer,
  key: string,
  entry: Entry | undefined,
  nowMs: number,
): Promise<Entry> {
  const version = await statusPageVersion(deps.db);
  if (entry && entry.version === version && nowMs - entry.builtAt < MAX_AGE_MS) {
    entry.checkedAt = nowMs;
    return entry;
  }
  const snapshot = await loadStatusSnapshot(deps.db, viewer, deps.clock.now());
  const fresh: Entry = { version, checkedAt: nowMs, builtAt: nowMs, snapshot, rendered: new Map() };
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, fresh);
  return fresh;
}

/** Forgets every cached page (tests that move the fake clock). */
export function clearStatusViewCache(): void {
  entries.clear();
  loading = new Map();
}
