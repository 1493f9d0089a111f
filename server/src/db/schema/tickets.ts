import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { people } from './people.ts';
import { categories, groups, statuses } from './reference.ts';

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
