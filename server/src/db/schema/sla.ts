import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { CalendarDefinition } from '../../domain/sla/calendar.ts';
import type { ContractTerms } from '../../domain/sla/contracts.ts';
import { organisations } from './organisations.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Business-hours calendars of the SLA clocks; the definition is validated by the domain before it is stored. */
export const calendars = pgTable('calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  definition: jsonb('definition').$type<CalendarDefinition>().notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
export type CalendarRow = typeof calendars.$inferSelect;

/** A customer organisation's service agreement. Its terms live in its versions; only the name changes here. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('contracts_organisation_name_unique').on(t.organisationId, t.name)],
);
export type ContractRow = typeof contracts.$inferSelect;

/**
 * The terms of a contract from an instant on. Append-only: a new version supersedes the previous one from its
 * `effective_from`; a version is never edited, so a ticket's clocks can always be replayed under the terms they ran
 * under. The jsonb terms are validated by the domain's ContractTerms before they are stored.
 */
export const contractVersions = pgTable(
  'contract_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    effectiveFrom: ts('effective_from').notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    matrix: jsonb('matrix').$type<ContractTerms['matrix']>().notNull(),
    targets: jsonb('targets').$type<ContractTerms['targets']>().notNull(),
    pausing: jsonb('pausing').$type<ContractTerms['pausing']>().notNull(),
    warnings: jsonb('warnings').$type<ContractTerms['warnings']>().notNull(),
    effortThresholdMinutes: integer('effort_threshold_minutes').notNull().default(240),
    autoCloseWorkingDays: integer('auto_close_working_days').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('contract_versions_contract_version_unique').on(t.contractId, t.version),
    index('contract_versions_calendar_idx').on(t.calendarId),
  ],
);
export type ContractVersionRow = typeof contractVersions.$inferSelect;
