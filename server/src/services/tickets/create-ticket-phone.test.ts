import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { calendars, contractVersions, contracts, priorityMatrix } from '../../db/schema.ts';
import { TWENTY_FOUR_SEVEN } from '../../domain/sla/calendar.ts';
import { ContractTerms } from '../../domain/sla/contracts.ts';
import { createTicket } from './create-ticket.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  const now = h.clock.now();
  const [calendar] = await h.deps.db
    .insert(calendars)
    .values({ name: 'Always', definition: TWENTY_FOUR_SEVEN('Europe/Amsterdam'), createdAt: now, updatedAt: now })
    .returning();
  const [contract] = await h.deps.db
    .insert(contracts)
    .values({ organisationId: w.orgA.id, name: 'Support', createdAt: now, updatedAt: now })
    .returning();
  await h.deps.db.insert(contractVersions).values({
    contractId: contract!.id,
    version: 1,
    effectiveFrom: now,
    ...ContractTerms.parse({
      calendarId: calendar!.id,
      matrix: await h.deps.db.select().from(priorityMatrix),
      targets: Object.fromEntries(
        ['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60, resolutionMinutes: 480 }]),
      ),
    }),
    createdAt: now,
  });
});
afterAll(() => h.close());

describe('logging a phone call as a ticket', () => {
  it('counts the call as the first response at the instant the ticket opens, however the clock moves meanwhile', async () => {
    // A real clock moves between reads; make every read a few milliseconds later.
    const now = h.clock.now;
    h.clock.now = () => {
      h.clock.advance(5);
      return now();
    };
    try {
      const ticket = await createTicket({
        ctx: h.as(w.agent),
        input: {
          subject: 'Printer jams',
          body: 'Called in.',
          requesterEmail: (w.contactA as { email: string }).email,
          channel: 'phone',
        },
      });
      expect(ticket.channel).toBe('phone');
      expect(ticket.firstResponseAt).toBe(ticket.createdAt);
      expect(ticket.sla?.firstResponseDueAt ?? null).toBeNull();
    } finally {
      h.clock.now = now;
    }
  });
});
