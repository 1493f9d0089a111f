import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { statusComponents, statusPageSettings } from '../../db/schema.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { bumpStatusPage, markStatusPageChanged } from './status-page-version.ts';
import { getStatusView } from './status-view-cache.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const names = async () =>
  (await getStatusView(h.deps, { kind: 'public' })).snapshot.components.map((c) => c.name).sort();

describe('the status view cache', () => {
  it('shows a change made in this process on the next request after it commits, though one came in between', async () => {
    const now = h.clock.now();
    await h.deps.db.insert(statusComponents).values({ name: 'Mail', createdAt: now, updatedAt: now });
    await bumpStatusPage(h.deps.db, now);
    expect(await names()).toEqual(['Mail']);

    // A change marks the cache inside its transaction, before it commits: a request in that moment still reads the
    // old page (and caches it) …
    markStatusPageChanged();
    expect(await names()).toEqual(['Mail']);
    // … and its writes (the counter included, without a second mark) become visible after it.
    await h.deps.db.insert(statusComponents).values({ name: 'VPN', createdAt: now, updatedAt: now });
    await h.deps.db.execute(sql`UPDATE ${statusPageSettings} SET version = version + 1`);
    // Well within the cache's second of freshness, the next request shows the change.
    expect(await names()).toEqual(['Mail', 'VPN']);
  });
});
