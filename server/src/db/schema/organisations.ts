import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['provider', 'customer', 'unmatched'] }).notNull(),
  language: text('language', { enum: ['en', 'nl', 'sv'] })
    .notNull()
    .default('en'),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
export type Organisation = typeof organisations.$inferSelect;

/** One row a domain: a domain belongs to at most one organisation, which is how senders are matched. */
export const organisationDomains = pgTable(
  'organisation_domains',
  {
    domain: text('domain').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
  },
  (t) => [index('organisation_domains_org_idx').on(t.organisationId)],
);
