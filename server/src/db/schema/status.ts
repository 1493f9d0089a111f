import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './people.ts';
import { contracts } from './sla.ts';
import { tickets } from './tickets.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

const COMPONENT_STATES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
const componentState = (name: string) => text(name, { enum: COMPONENT_STATES });

/** One row: the page's name, the webhook allow-list, and the change counter the public page's cache is keyed on. */
export const statusPageSettings = pgTable('status_page_settings', {
  id: integer('id').primaryKey().default(1),
  name: text('name').notNull().default('Service status'),
  webhookAllowedHosts: text('webhook_allowed_hosts')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Bumped by every change that shows on the page (in the changing transaction): a cheap "last change" value. */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const statusComponentGroups = pgTable('status_component_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  position: integer('position').notNull().default(0),
  createdAt: ts('created_at').notNull(),
});

/** A service customers care about. Private components are shown only to the organisations of their contracts. */
export const statusComponents = pgTable(
  'status_components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    groupId: uuid('group_id').references(() => statusComponentGroups.id, { onDelete: 'set null' }),
    isPublic: boolean('is_public').notNull().default(true),
    state: componentState('state').notNull().default('operational'),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('status_components_group_idx').on(t.groupId)],
);
export type StatusComponentRow = typeof statusComponents.$inferSelect;

/** Which contracts (hence organisations) a component serves. */
export const statusComponentContracts = pgTable(
  'status_component_contracts',
  {
    componentId: uuid('component_id')
      .notNull()
      .references(() => statusComponents.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.componentId, t.contractId] }),
    index('status_component_contracts_contract_idx').on(t.contractId),
  ],
);

/**
 * Append-only history of a component's state: one row per interval, the open one with no end. Uptime is computed
 * from these; a change closes the open interval and opens the next.
 */
export const statusComponentIntervals = pgTable(
  'status_component_intervals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    componentId: uuid('component_id')
      .notNull()
      .references(() => statusComponents.id, { onDelete: 'cascade' }),
    state: componentState('state').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    reason: text('reason'),
  },
  (t) => [
    index('status_component_intervals_component_idx').on(t.componentId, t.startedAt),
    uniqueIndex('status_component_intervals_open_unique')
      .on(t.componentId)
      .where(sql`ended_at IS NULL`),
  ],
);

export const statusIncidents = pgTable(
  'status_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    impact: text('impact', { enum: ['none', 'minor', 'major', 'critical'] }).notNull(),
    status: text('status', { enum: ['investigating', 'identified', 'monitoring', 'resolved'] }).notNull(),
    /** A draft is seen by agents only, e.g. one a monitor opened and an agent has yet to publish. */
    isPublished: boolean('is_published').notNull(),
    postmortem: text('postmortem'),
    startedAt: ts('started_at').notNull(),
    identifiedAt: ts('identified_at'),
    monitoringAt: ts('monitoring_at'),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('status_incidents_started_idx').on(t.startedAt)],
);
export type StatusIncidentRow = typeof statusIncidents.$inferSelect;

export const statusIncidentComponents = pgTable(
  'status_incident_components',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => statusIncidents.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => statusComponents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })],
);

export const statusIncidentUpdates = pgTable(
  'status_incident_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => statusIncidents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['investigating', 'identified', 'monitoring', 'resolved'] }).notNull(),
    body: text('body').notNull(),
    componentStates: jsonb('component_states')
      .$type<{ componentId: string; state: (typeof COMPONENT_STATES)[number] }[]>()
      .notNull()
      .default([]),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('status_incident_updates_incident_idx').on(t.incidentId, t.createdAt)],
);

/** Customer tickets an incident caused: updates can be posted on them, and their requesters hear of the resolution. */
export const statusIncidentTickets = pgTable(
  'status_incident_tickets',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => statusIncidents.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.ticketId] }),
    index('status_incident_tickets_ticket_idx').on(t.ticketId),
  ],
);

export const statusMaintenances = pgTable(
  'status_maintenances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    body: text('body').notNull().default(''),
    status: text('status', { enum: ['scheduled', 'in_progress', 'verifying', 'completed'] }).notNull(),
    isPublished: boolean('is_published').notNull().default(true),
    scheduledFor: ts('scheduled_for').notNull(),
    scheduledUntil: ts('scheduled_until').notNull(),
    startedAt: ts('started_at'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('status_maintenances_window_idx').on(t.scheduledFor)],
);
export type StatusMaintenanceRow = typeof statusMaintenances.$inferSelect;

export const statusMaintenanceComponents = pgTable(
  'status_maintenance_components',
  {
    maintenanceId: uuid('maintenance_id')
      .notNull()
      .references(() => statusMaintenances.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => statusComponents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.maintenanceId, t.componentId] })],
);

export const statusMaintenanceUpdates = pgTable(
  'status_maintenance_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    maintenanceId: uuid('maintenance_id')
      .notNull()
      .references(() => statusMaintenances.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['scheduled', 'in_progress', 'verifying', 'completed'] }).notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('status_maintenance_updates_idx').on(t.maintenanceId, t.createdAt)],
);

/**
 * E-mail (double opt-in: unconfirmed until the mailed link is followed) or webhook subscriptions. Tokens are stored
 * as SHA-256 hashes only. An empty component list means every public component.
 */
export const statusSubscriptions = pgTable(
  'status_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['email', 'webhook'] }).notNull(),
    email: text('email'),
    url: text('url'),
    /**
     * The webhook's HMAC key, or an e-mail subscription's unsubscribe key: needed again to sign, so sealed under the
     * secret key (adapters/secret-box.ts) rather than hashed, like a mailbox password.
     */
    secret: text('secret'),
    language: text('language', { enum: ['en', 'nl', 'sv'] })
      .notNull()
      .default('en'),
    componentIds: uuid('component_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    confirmTokenHash: text('confirm_token_hash'),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    confirmedAt: ts('confirmed_at'),
    createdById: uuid('created_by_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('status_subscriptions_confirm_idx').on(t.confirmTokenHash),
    uniqueIndex('status_subscriptions_unsubscribe_idx').on(t.unsubscribeTokenHash),
    uniqueIndex('status_subscriptions_email_unique').on(t.email),
  ],
);
export type StatusSubscriptionRow = typeof statusSubscriptions.$inferSelect;

/** One webhook call per (subscription, cause): the job's side effect, deduplicated because queues repeat. */
export const statusWebhookDeliveries = pgTable(
  'status_webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => statusSubscriptions.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'refused', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index('status_webhook_deliveries_subscription_idx').on(t.subscriptionId)],
);

/**
 * Every request to subscribe, recorded before anything else is done (as login_failures is for logins), so that
 * parallel requests count each other: the public subscribe endpoint is limited per address and per client address
 * across every server process. Rows older than a day are purged.
 */
export const statusSubscribeAttempts = pgTable(
  'status_subscribe_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The e-mail address, lower-cased, or the webhook URL. */
    address: text('address').notNull(),
    ip: text('ip'),
    attemptedAt: ts('attempted_at').notNull(),
  },
  (t) => [
    index('status_subscribe_attempts_address_idx').on(t.address, t.attemptedAt),
    index('status_subscribe_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);
