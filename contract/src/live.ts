import { z } from 'zod';
import { Email, Instant, Name } from './common.ts';
import { TicketId } from './ids.ts';
import { ListTicketsQuery } from './tickets.ts';

/**
 * One change to a ticket, pushed over `GET /events/stream` (Server-Sent Events, `event: ticket`, the history event's
 * id as the SSE id). It names what happened, not what changed: clients read the ticket again, authorized as ever.
 * Customers get only public events of tickets they may see.
 */
export const LiveTicketEvent = z.object({
  id: z.string().describe('the history event id; send it back as Last-Event-ID to resume'),
  ticketId: TicketId,
  kind: z.string(),
  at: Instant,
});
export type LiveTicketEvent = z.infer<typeof LiveTicketEvent>;

/** A named ticket filter of one person: the query of `GET /tickets`, without cursor and limit. */
export const SavedFilterQuery = ListTicketsQuery.omit({ cursor: true, limit: true });
export type SavedFilterQuery = z.infer<typeof SavedFilterQuery>;

export const SavedFilterId = z.uuid().brand<'SavedFilterId'>();
export type SavedFilterId = z.infer<typeof SavedFilterId>;

export const SavedFilter = z.object({
  id: SavedFilterId,
  name: z.string(),
  /** Stored as given (query-string values: strings, or lists of strings), ready to send to GET /tickets. */
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  createdAt: Instant,
  updatedAt: Instant,
});
export type SavedFilter = z.infer<typeof SavedFilter>;

const FilterQueryInput = z
  .record(z.string(), z.union([z.string().max(500), z.array(z.string().max(200)).max(50)]))
  .describe('the query of GET /tickets (without cursor and limit), as strings or lists of strings');

export const CreateSavedFilterInput = z.strictObject({ name: Name, query: FilterQueryInput });
export type CreateSavedFilterInput = z.infer<typeof CreateSavedFilterInput>;
export const UpdateSavedFilterInput = z
  .strictObject({ name: Name.optional(), query: FilterQueryInput.optional() })
  .refine((v) => v.name !== undefined || v.query !== undefined, 'name and/or query');
export type UpdateSavedFilterInput = z.infer<typeof UpdateSavedFilterInput>;
export const SavedFilterList = z.object({ items: z.array(SavedFilter) });
export type SavedFilterList = z.infer<typeof SavedFilterList>;

/** Ask for a one-time login link by e-mail; answered 202 the same way whether or not the address is known. */
export const LoginLinkInput = z.strictObject({ email: Email });
export type LoginLinkInput = z.infer<typeof LoginLinkInput>;
export const RedeemLoginLinkInput = z.strictObject({ token: z.string().min(1).max(200) });
export type RedeemLoginLinkInput = z.infer<typeof RedeemLoginLinkInput>;
export const LoginLinkRequested = z.object({ status: z.literal('sent_if_known') });
export type LoginLinkRequested = z.infer<typeof LoginLinkRequested>;
