import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
import { groups } from './reference.ts';
import { tickets } from './tickets.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const levels = ['high', 'normal', 'low'] as const;

/** What a monitor checks beyond reachability, per kind; validated by the contract's MonitorSettings before storage. */
export type MonitorSettingsColumn = {
  expectedStatusCodes?: number[];
  keyword?: string;
  jsonPath?: string;
  jsonExpected?: string;
  maxResponseMs?: number;
  dnsRecordType?: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT';
  dnsExpected?: string;
  tlsMinDaysLeft?: number;
};

/**
 * Something Loket watches. The state machine's counters and the open ticket / status incident live on the row, so
 * the one transaction that locks it (a check's result) decides a transition exactly once, in whichever worker.
 */
export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['http', 'tcp', 'dns', 'tls', 'heartbeat'] }).notNull(),
    /** URL (http), host:port (tcp, tls), host name (dns); empty for a heartbeat. */
    target: text('target').notNull(),
    settings: jsonb('settings').$type<MonitorSettingsColumn>().notNull().default({}),
    intervalSeconds: integer('interval_seconds').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    failuresBeforeDown: integer('failures_before_down').notNull(),
    successesBeforeUp: integer('successes_before_up').notNull(),
    /** Where in its interval this monitor is checked (from a hash of its id), so monitors do not all fire together. */
    phaseMs: integer('phase_ms').notNull(),
    /** A status page component (services/status); no foreign key, so this aggregate does not depend on that one. */
    componentId: uuid('component_id'),
    urgency: text('urgency', { enum: levels }).notNull(),
    impact: text('impact', { enum: levels }).notNull(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    /** Whether the status incident a DOWN drafts is published at once, or held for an agent. */
    publishIncident: boolean('publish_incident').notNull().default(false),
    /** SHA-256 of the heartbeat URL's secret: looked up by hash, never compared as text. */
    heartbeatSecretHash: text('heartbeat_secret_hash'),
    heartbeatPeriodSeconds: integer('heartbeat_period_seconds'),
    lastHeartbeatAt: ts('last_heartbeat_at'),
    lastHeartbeatFailed: boolean('last_heartbeat_failed').notNull().default(false),
    state: text('state', { enum: ['up', 'down', 'pending', 'paused'] }).notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    consecutiveSuccesses: integer('consecutive_successes').notNull().default(0),
    stateChangedAt: ts('state_changed_at').notNull(),
    /** When the next check is due; null while paused. The tick claims rows whose instant has come. */
    nextCheckAt: ts('next_check_at'),
    lastCheckedAt: ts('last_checked_at'),
    lastMessage: text('last_message'),
    /** The incident ticket of the current outage: set on DOWN, cleared on UP. Never a second one while it is set. */
    openTicketId: uuid('open_ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    openStatusIncidentId: uuid('open_status_incident_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('monitors_name_key').on(sql`lower(${t.name})`),
    uniqueIndex('monitors_heartbeat_secret_key').on(t.heartbeatSecretHash),
    index('monitors_next_check_idx')
      .on(t.nextCheckAt)
      .where(sql`next_check_at IS NOT NULL`),
    check('monitors_interval_check', sql`${t.intervalSeconds} >= 10`),
    check('monitors_thresholds_check', sql`${t.failuresBeforeDown} >= 1 AND ${t.successesBeforeUp} >= 1`),
  ],
);
export type MonitorRow = typeof monitors.$inferSelect;

/** Raw results, kept for a retention period (services/monitoring/roll-up-monitor-checks.ts), then rolled up. */
export const monitorChecks = pgTable(
  'monitor_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    /** When the check was due, beside when it ran: the difference is the scheduling lag. */
    scheduledAt: ts('scheduled_at').notNull(),
    checkedAt: ts('checked_at').notNull(),
    ok: boolean('ok').notNull(),
    latencyMs: integer('latency_ms'),
    message: text('message').notNull(),
  },
  (t) => [
    index('monitor_checks_monitor_idx').on(t.monitorId, t.checkedAt.desc()),
    index('monitor_checks_checked_idx').on(t.checkedAt),
  ],
);
export type MonitorCheckRow = typeof monitorChecks.$inferSelect;

/** History: per monitor, per hour and per day (UTC), recomputed from the raw results while they are kept. */
export const monitorRollups = pgTable(
  'monitor_rollups',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    period: text('period', { enum: ['hour', 'day'] }).notNull(),
    startsAt: ts('starts_at').notNull(),
    checks: integer('checks').notNull(),
    failures: integer('failures').notNull(),
    latencyMsSum: bigint('latency_ms_sum', { mode: 'number' }).notNull(),
    latencyMsMax: integer('latency_ms_max').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.period, t.startsAt] }),
    index('monitor_rollups_starts_idx').on(t.startsAt),
  ],
);
