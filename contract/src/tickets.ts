import { z } from 'zod';
import { Email, Instant, PageQuery, csv } from './common.ts';
import { ArticleKind, Channel, Level, LinkKind, NonBillableReason, Priority, StatusKind, WorkType } from './enums.ts';
import { SlaClockName } from './sla.ts';
import {
  ArticleId,
  AttachmentId,
  CategoryId,
  GroupId,
  LinkId,
  OrganisationId,
  PersonId,
  StatusId,
  TicketId,
  TimeEntryId,
} from './ids.ts';

const Ref = <T extends z.ZodType>(id: T) => z.object({ id, name: z.string() });

export const Subject = z.string().trim().min(1).max(250);
export const Body = z.string().trim().min(1).max(100_000);

/**
 * A ticket's SLA at a glance, as stored by the clocks (GET /tickets/:id/sla explains it in full). Nothing in it is
 * internal: customers see it for the tickets they may see (the portal's "a response is due by").
 */
export const TicketSlaSummary = z.object({
  /** The earliest due instant among the running clocks, and which clock that is; null when none runs. */
  dueAt: Instant.nullable(),
  clock: SlaClockName.nullable(),
  /** Whether any clock has been breached. */
  breached: z.boolean(),
  /** Whether the clocks wait (on the customer, or a scheduled date): one or more paused and none running. */
  paused: z.boolean(),
  /** When the first response is due, while it is still awaited (running or paused). */
  firstResponseDueAt: Instant.nullable(),
  /** When the resolution is due, while the resolution clock runs or is paused. */
  resolutionDueAt: Instant.nullable(),
});
export type TicketSlaSummary = z.infer<typeof TicketSlaSummary>;

export const Ticket = z.object({
  id: TicketId,
  reference: z.string(),
  subject: z.string(),
  category: z.object({ id: CategoryId, key: z.string(), name: z.string() }),
  status: z.object({ id: StatusId, key: z.string(), name: z.string(), kind: StatusKind }),
  urgency: Level,
  impact: Level,
  priority: Priority,
  priorityOverridden: z.boolean(),
  channel: Channel,
  requester: z.object({ id: PersonId, name: z.string(), email: z.string() }),
  organisation: Ref(OrganisationId),
  group: Ref(GroupId).nullable(),
  assignee: Ref(PersonId).nullable(),
  estimateMinutes: z.number().int().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  firstResponseAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  reopenCount: z.number().int(),
  mergedIntoId: TicketId.nullable(),
  /** Logged time; present for agents only. */
  time: z.object({ totalMinutes: z.number().int(), billableMinutes: z.number().int() }).optional(),
  /** The SLA at a glance, from the stored clocks; null when the ticket runs under no contract. */
  sla: TicketSlaSummary.nullable().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

export const CreateTicketInput = z.strictObject({
  subject: Subject,
  body: Body,
  category: z.string().min(1).max(64).optional().describe('category id or key; defaults to the first category'),
  urgency: Level.optional(),
  impact: Level.optional(),
  organisationId: OrganisationId.optional(),
  requesterEmail: Email.optional().describe('agents only: the customer this ticket is for; registered when unknown'),
  channel: Channel.optional().describe(
    'agents only: phone for a logged call; defaults to api, or portal for customers',
  ),
  groupId: GroupId.optional(),
  assigneeId: PersonId.optional(),
  attachmentIds: z.array(AttachmentId).max(20).optional(),
});
export type CreateTicketInput = z.infer<typeof CreateTicketInput>;

/** Customers may change the subject and propose urgency and impact; agents may change everything here. */
export const UpdateTicketInput = z.strictObject({
  subject: Subject.optional(),
  category: z.string().min(1).max(64).optional(),
  urgency: Level.optional(),
  impact: Level.optional(),
  priority: Priority.optional().describe('agents: override the matrix; needs priorityReason'),
  priorityReason: z.string().trim().min(1).max(500).optional(),
  estimateMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
  requesterId: PersonId.optional(),
});
export type UpdateTicketInput = z.infer<typeof UpdateTicketInput>;

export const TicketSort = z.enum([
  '-updatedAt',
  'updatedAt',
  '-createdAt',
  'createdAt',
  'priority',
  '-priority',
  'dueAt',
  '-dueAt',
  'nextDeadlineAt',
  '-nextDeadlineAt',
]);
export type TicketSort = z.infer<typeof TicketSort>;

/** The order a list takes when none is asked for: breaching soon by the soonest due, the others by the latest change. */
export const defaultTicketSort = (view: string | undefined): TicketSort =>
  view === 'breaching_soon' ? 'dueAt' : '-updatedAt';

/**
 * The agent console's views. `mine`: assigned to me, not resolved or closed. `my_groups_unassigned`: in one of my
 * groups, nobody assigned, not resolved or closed. `open`: not resolved or closed. `breaching_soon`: not resolved or
 * closed, next SLA deadline (a warning or a due) within `dueWithinMinutes` (default 240) — sort by `dueAt` to see the
 * soonest due first. `waiting_customer`: awaiting the customer. `mine` and `my_groups_unassigned` are for agents; customers may
 * use the others (always within their own tickets).
 */
export const TicketView = z.enum(['mine', 'my_groups_unassigned', 'open', 'breaching_soon', 'waiting_customer']);
export type TicketView = z.infer<typeof TicketView>;

export const ListTicketsQuery = PageQuery.extend({
  status: csv(z.string().min(1).max(64)).describe('status ids or keys, comma-separated'),
  statusKind: csv(StatusKind),
  priority: csv(Priority),
  category: csv(z.string().min(1).max(64)),
  organisationId: OrganisationId.optional(),
  requesterId: PersonId.optional(),
  assigneeId: z.union([PersonId, z.enum(['me', 'none'])]).optional(),
  groupId: z.union([GroupId, z.literal('none')]).optional(),
  channel: csv(Channel),
  q: z.string().trim().min(1).max(200).optional().describe('reference, or words in the subject or conversation'),
  updatedSince: Instant.optional(),
  view: TicketView.optional().describe(
    'a preset of the agent console, combined with the other filters (see TicketView)',
  ),
  dueWithinMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional()
    .describe('tickets not resolved or closed whose next SLA deadline (warning or due) comes within this many minutes'),
  sort: TicketSort.optional().describe(
    'default -updatedAt, and dueAt with view=breaching_soon. dueAt: soonest due of a running SLA clock first (the ' +
      '`sla.dueAt` each ticket shows); nextDeadlineAt: soonest SLA event first, warnings included; tickets without ' +
      'one come last either way',
  ),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

export const AGENT_ONLY_TICKET_VIEWS: readonly TicketView[] = ['mine', 'my_groups_unassigned'];
/** The window of `breaching_soon` when `dueWithinMinutes` is not given. */
export const BREACHING_SOON_MINUTES = 240;

export const TicketCountsQuery = z.strictObject({
  dueWithinMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional()
    .describe('the window of breaching_soon; 240 minutes unless given'),
});
export type TicketCountsQuery = z.infer<typeof TicketCountsQuery>;

/** How many tickets each view holds for the caller; agent-only views are null for customers. */
export const TicketCounts = z.object({
  mine: z.number().int().nullable(),
  myGroupsUnassigned: z.number().int().nullable(),
  open: z.number().int(),
  breachingSoon: z.number().int(),
  waitingCustomer: z.number().int(),
});
export type TicketCounts = z.infer<typeof TicketCounts>;

export const Attachment = z.object({
  id: AttachmentId,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: Instant,
});
export type Attachment = z.infer<typeof Attachment>;

export const Article = z.object({
  id: ArticleId,
  ticketId: TicketId,
  kind: ArticleKind,
  author: z.object({ id: PersonId, name: z.string(), isAgent: z.boolean() }),
  body: z.string(),
  /**
   * The body as first shown: for mail, quoted history and the signature folded away behind `folded` (the body is
   * kept whole). Other channels show the body as it is (`folded` null).
   */
  display: z.object({ visible: z.string(), folded: z.string().nullable() }),
  channel: Channel,
  attachments: z.array(Attachment),
  createdAt: Instant,
  /** Set when the article belongs to a ticket that was merged into this one. */
  fromTicket: z.object({ id: TicketId, reference: z.string() }).nullable(),
});
export type Article = z.infer<typeof Article>;

export const CreateArticleInput = z.strictObject({
  body: Body,
  attachmentIds: z.array(AttachmentId).max(20).optional(),
  status: z.string().min(1).max(64).optional().describe('agents: move the ticket to this status with the reply'),
  viaPhone: z.boolean().optional().describe('agents: this reply records a phone conversation'),
});
export type CreateArticleInput = z.infer<typeof CreateArticleInput>;

/** An internal note: agents only, never shown to customers. */
export const CreateNoteInput = z.strictObject({
  body: Body,
  attachmentIds: z.array(AttachmentId).max(20).optional(),
});
export type CreateNoteInput = z.infer<typeof CreateNoteInput>;

export const ArticleList = z.object({ items: z.array(Article) });
export type ArticleList = z.infer<typeof ArticleList>;

export const ChangeStatusInput = z.strictObject({
  status: z.string().min(1).max(64).describe('status id or key'),
  comment: z.string().trim().min(1).max(10_000).optional(),
});
export type ChangeStatusInput = z.infer<typeof ChangeStatusInput>;

export const ConfirmInput = z.strictObject({ comment: z.string().trim().min(1).max(10_000).optional() });
export type ConfirmInput = z.infer<typeof ConfirmInput>;
export const ReopenInput = z.strictObject({ reason: z.string().trim().min(1).max(10_000).optional() });
export type ReopenInput = z.infer<typeof ReopenInput>;

/** The result of a reopen: the ticket itself, or a follow-up when the reopen window has passed. */
export const ReopenResult = z.object({ outcome: z.enum(['reopened', 'follow_up']), ticket: Ticket });
export type ReopenResult = z.infer<typeof ReopenResult>;

export const AssignInput = z
  .strictObject({ groupId: GroupId.nullable().optional(), assigneeId: PersonId.nullable().optional() })
  .refine((v) => v.groupId !== undefined || v.assigneeId !== undefined, 'name groupId and/or assigneeId');
export type AssignInput = z.infer<typeof AssignInput>;

export const TicketLink = z.object({
  id: LinkId,
  kind: LinkKind,
  /** From the point of view of the ticket asked about: outgoing (this ticket is the source) or incoming. */
  direction: z.enum(['outgoing', 'incoming']),
  ticket: z.object({
    id: TicketId,
    reference: z.string(),
    subject: z.string(),
    statusKind: StatusKind,
    category: z.string(),
  }),
  createdAt: Instant,
});
export type TicketLink = z.infer<typeof TicketLink>;

export const CreateLinkInput = z.strictObject({
  kind: z.enum(['fixed_by', 'parent_of', 'child_of', 'related']),
  ticket: z.string().min(1).max(64).describe('the other ticket: id or reference'),
});
export type CreateLinkInput = z.infer<typeof CreateLinkInput>;

export const TicketLinkList = z.object({ items: z.array(TicketLink) });
export type TicketLinkList = z.infer<typeof TicketLinkList>;

export const MergeInput = z.strictObject({
  into: z.string().min(1).max(64).describe('the surviving ticket: id or reference'),
});
export type MergeInput = z.infer<typeof MergeInput>;

export const TicketEvent = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.object({ id: PersonId, name: z.string() }).nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  data: z.record(z.string(), z.unknown()),
  createdAt: Instant,
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const TicketHistory = z.object({ items: z.array(TicketEvent) });
export type TicketHistory = z.infer<typeof TicketHistory>;

export const TimeEntry = z.object({
  id: TimeEntryId,
  ticketId: TicketId,
  person: z.object({ id: PersonId, name: z.string() }),
  performedAt: Instant,
  minutes: z.number().int(),
  workType: WorkType,
  isBillable: z.boolean(),
  nonBillableReason: NonBillableReason.nullable(),
  description: z.string().nullable(),
  createdAt: Instant,
});
export type TimeEntry = z.infer<typeof TimeEntry>;

export const CreateTimeEntryInput = z
  .strictObject({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    workType: WorkType,
    performedAt: Instant.optional(),
    isBillable: z.boolean().default(true),
    nonBillableReason: NonBillableReason.optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.isBillable || v.nonBillableReason !== undefined, {
    message: 'non-billable time needs a nonBillableReason',
    path: ['nonBillableReason'],
  })
  .refine((v) => !v.isBillable || v.nonBillableReason === undefined, {
    message: 'billable time has no nonBillableReason',
    path: ['nonBillableReason'],
  });
export type CreateTimeEntryInput = z.infer<typeof CreateTimeEntryInput>;

export const TimeEntryList = z.object({
  items: z.array(TimeEntry),
  totalMinutes: z.number().int(),
  billableMinutes: z.number().int(),
});
export type TimeEntryList = z.infer<typeof TimeEntryList>;

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  ticket: z.object({ id: TicketId, reference: z.string(), subject: z.string() }),
  createdAt: Instant,
  readAt: Instant.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only notifications not yet read'),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;
