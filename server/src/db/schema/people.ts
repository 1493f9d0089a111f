import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'agent', 'manager', 'contact'] }).notNull(),
    language: text('language', { enum: ['en', 'nl', 'sv'] }),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    /** A delivery report said mail to this address did not arrive; shown to agents, cleared when it works again. */
    emailBouncedAt: ts('email_bounced_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('people_email_key').on(sql`lower(${t.email})`), index('people_org_idx').on(t.organisationId)],
);
export type Person = typeof people.$inferSelect;

/** Sessions are rows so they can be revoked; the cookie carries a secret whose SHA-256 is the key. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_person_idx').on(t.personId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_person_idx').on(t.personId)],
);

/** Failed logins per e-mail address and per client address, for rate limiting across every server process. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip'),
    failedAt: ts('failed_at').notNull(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.failedAt),
    index('login_failures_ip_idx').on(t.ip, t.failedAt),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    clientId: text('client_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_keys_pk').on(t.clientId, t.key), index('idempotency_created_idx').on(t.createdAt)],
);

/** A person's named ticket filters: the query of GET /tickets as they gave it, validated when saved. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string | string[]>>().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('saved_filters_person_name_key').on(t.personId, sql`lower(${t.name})`)],
);
export type SavedFilterRow = typeof savedFilters.$inferSelect;

/**
 * One-time login links mailed to customers: the SHA-256 of a 256-bit secret, valid until `expiresAt`, spent by the
 * first redemption (`usedAt`, set by a conditional update).
 */
export const loginLinks = pgTable(
  'login_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('login_links_person_idx').on(t.personId), index('login_links_expires_idx').on(t.expiresAt)],
);
