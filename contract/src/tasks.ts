import { z } from 'zod';
import { Instant } from './common.ts';
import { PersonId, TicketId, TicketTaskId } from './ids.ts';

/** What an agent is asked to do on a ticket; each kind at most once per ticket. */
export const TicketTaskKind = z.enum(['call_customer']);
export type TicketTaskKind = z.infer<typeof TicketTaskKind>;

export const TicketTask = z.object({
  id: TicketTaskId,
  ticketId: TicketId,
  kind: TicketTaskKind,
  assigneeId: PersonId.nullable(),
  createdAt: Instant,
  doneAt: Instant.nullable(),
  doneById: PersonId.nullable(),
});
export type TicketTask = z.infer<typeof TicketTask>;

export const TicketTaskList = z.object({ items: z.array(TicketTask) });
export type TicketTaskList = z.infer<typeof TicketTaskList>;
