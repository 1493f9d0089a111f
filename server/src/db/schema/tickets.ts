import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { people } from './people.ts';
import { categories, groups, statuses } from './reference.ts';
import { contractVersions } from './sla.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const levels = ['high', 'normal', 'low'] as const;
const statusKinds = ['new', 'open', 'waiting_customer', 'waiting_provider', 'scheduled', 'resolved', 'closed'] as const;

/** A sequence, not a counter row: numbers are handed out without a lock and never reused, even after a rollback. */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1, increment: 1 });

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigint('number', { mode: 'number' }).notNull().unique(),
    reference: text('reference').notNull().unique(),
    subject: text('subject').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    statusId: uuid('status_id')
      .notNull()
      .references(() => statuses.id),
    /** Copied from the status (whose kind never changes) so lists and clocks filter without a join. */
    statusKind: text('status_kind', { enum: statusKinds }).notNull(),
    urgency: text('urgency', { enum: levels }).notNull(),
    impact: text('impact', { enum: levels }).notNull(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    priorityOverridden: boolean('priority_overridden').notNull().default(false),
    channel: text('channel', { enum: ['email', 'portal', 'phone', 'api', 'monitoring'] }).notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => people.id, { onDelete: 'set null' }),
    estimateMinutes: integer('estimate_minutes'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    mergedIntoId: uuid('merged_into_id'),
    /** Why an agent should look at this ticket before trusting it, e.g. mail from a stranger that named it. */
    reviewReason: text('review_reason'),
    /** The contract version the SLA clocks run under: the one in force for the organisation (issue 3). */
    contractVersionId: uuid('contract_version_id').references(() => contractVersions.id),
    /** When a resolved ticket closes itself if the customer stays silent; null unless resolved. */
    autoCloseAt: ts('auto_close_at'),
    /**
     * The earliest instant something is due on this ticket: an SLA warning or due, or the automatic close. The sweep
     * job reads the tickets whose instant has come through the partial index below; null when nothing is pending.
     */
    nextDeadlineAt: ts('next_deadline_at'),
    /**
     * The soonest due instant among the running SLA clocks (what a ticket row shows as "Due in"); null when no clock
     * runs. Kept with the clocks by the SLA sync so that lists sort by the due an agent sees.
     */
    slaDueAt: ts('sla_due_at'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(reference, ''))`,
    ),
  },
  (t) => [
    index('tickets_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    // Covering (INCLUDE status_kind, priority, created_at) by migration 0004: drizzle cannot declare INCLUDE.
    index('tickets_org_updated_idx').on(t.organisationId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_requester_updated_idx').on(t.requesterId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_assignee_updated_idx').on(t.assigneeId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_group_updated_idx').on(t.groupId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_kind_updated_idx').on(t.statusKind, t.updatedAt.desc(), t.id.desc()),
    index('tickets_status_idx').on(t.statusId),
    index('tickets_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('tickets_search_idx').using('gin', t.searchVector),
    index('tickets_next_deadline_idx')
      .on(t.nextDeadlineAt)
      .where(sql`next_deadline_at IS NOT NULL`),
    index('tickets_contract_version_idx').on(t.contractVersionId),
  ],
);
export type TicketRow = typeof tickets.$inferSelect;

export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: the conversation's order even when two messages share a millisecond. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reply', 'note'] }).notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => people.id),
    channel: text('channel', { enum: ['email', 'portal', 'phone', 'api', 'monitoring'] }).notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', coalesce(body, ''))`),
  },
  (t) => [
    index('articles_ticket_idx').on(t.ticketId, t.createdAt),
    index('articles_search_idx').using('gin', t.searchVector),
  ],
);

/** The bytes live content-addressed under the data folder; a row names them for one upload. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => people.id),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('attachments_article_idx').on(t.articleId),
    index('attachments_ticket_idx').on(t.ticketId),
    index('attachments_sha_idx').on(t.sha256),
    index('attachments_unbound_idx')
      .on(t.createdAt)
      .where(sql`article_id IS NULL`),
  ],
);

export const ticketLinks = pgTable(
  'ticket_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['fixed_by', 'parent_of', 'merged_into', 'follow_up_of', 'related'] }).notNull(),
    sourceTicketId: uuid('source_ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    targetTicketId: uuid('target_ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ticket_links_unique').on(t.kind, t.sourceTicketId, t.targetTicketId),
    index('ticket_links_target_idx').on(t.targetTicketId),
  ],
);

/** The history: one row a change, who made it and what changed from what to what. Append-only. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    changes: jsonb('changes').$type<{ field: string; from: unknown; to: unknown }[]>().notNull().default([]),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    isInternal: boolean('is_internal').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    performedAt: ts('performed_at').notNull(),
    minutes: integer('minutes').notNull(),
    workType: text('work_type', {
      enum: ['remote', 'on_site', 'phone', 'travel', 'development', 'consultancy', 'other'],
    }).notNull(),
    isBillable: boolean('is_billable').notNull(),
    nonBillableReason: text('non_billable_reason', {
      enum: ['own_defect', 'goodwill', 'warranty', 'internal', 'included_in_contract', 'other'],
    }),
    description: text('description'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('time_entries_ticket_idx').on(t.ticketId), index('time_entries_performed_idx').on(t.performedAt)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe').on(t.personId, t.eventId),
    index('notifications_person_idx').on(t.personId, t.createdAt.desc()),
  ],
);

const clockNames = ['first_response', 'resolution', 'update'] as const;

/**
 * Each SLA clock of a ticket as it stands, written in the transaction of every change that moves it (and by the
 * sweep when an instant passes): what lists, reports and the scheduler read without replaying anything. The update
 * clock's row is its current cycle.
 */
export const ticketClocks = pgTable(
  'ticket_clocks',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    clock: text('clock', { enum: clockNames }).notNull(),
    state: text('state', { enum: ['running', 'paused', 'met', 'breached'] }).notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    usedMinutes: doublePrecision('used_minutes').notNull(),
    dueAt: ts('due_at'),
    stoppedAt: ts('stopped_at'),
    breachedAt: ts('breached_at'),
    /** Update clock: the current cycle's number (from 0). */
    cycle: integer('cycle').notNull().default(0),
    /** The warnings' instants as computed: [{ kind, value, at }]. */
    warnings: jsonb('warnings').$type<{ kind: string; value: number; at: string | null }[]>().notNull(),
    /** The ledger generation in force: a replay that rewrites the past starts a new one. */
    generation: integer('generation').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.clock] }), index('ticket_clocks_due_idx').on(t.state, t.dueAt)],
);
export type TicketClockRow = typeof ticketClocks.$inferSelect;

/**
 * The clocks' ledger, append-only: each row is a transition at an instant to running, paused (with the status kind
 * that pauses it) or stopped; a segment lasts from one row to the next. New rows are appended as the ticket moves.
 * A replay under new terms that changes the past (another contract version with other pausing rules) appends a whole
 * new generation; earlier generations stay as the record of what was measured before.
 */
export const ticketClockLedger = pgTable(
  'ticket_clock_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    clock: text('clock', { enum: clockNames }).notNull(),
    generation: integer('generation').notNull(),
    cycle: integer('cycle').notNull().default(0),
    at: ts('at').notNull(),
    state: text('state', { enum: ['running', 'paused', 'stopped'] }).notNull(),
    reason: text('reason', { enum: statusKinds }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('ticket_clock_ledger_ticket_idx').on(t.ticketId, t.id)],
);
export type TicketClockLedgerRow = typeof ticketClockLedger.$inferSelect;

/**
 * Every SLA warning and breach recorded, once: the unique key is what makes "exactly once" hold however often the
 * sweep or a change re-evaluates the clock. `at` is the true instant, whenever it was recorded.
 */
export const slaAlerts = pgTable(
  'sla_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    clock: text('clock', { enum: clockNames }).notNull(),
    cycle: integer('cycle').notNull().default(0),
    /** `breach`, or the warning threshold: `percentOfTarget:75`, `minutesBeforeDue:30`. */
    key: text('key').notNull(),
    at: ts('at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('sla_alerts_once').on(t.ticketId, t.clock, t.cycle, t.key)],
);

/** Work an agent is asked to do on a ticket, e.g. call the customer once the effort threshold is passed. */
export const ticketTasks = pgTable(
  'ticket_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['call_customer'] }).notNull(),
    assigneeId: uuid('assignee_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    doneAt: ts('done_at'),
    doneById: uuid('done_by_id').references(() => people.id),
  },
  (t) => [uniqueIndex('ticket_tasks_once').on(t.ticketId, t.kind)],
);
