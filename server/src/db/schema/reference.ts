import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Translations = Partial<Record<'en' | 'nl' | 'sv', string>>;

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description'),
  leadId: uuid('lead_id').references(() => people.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull(),
});

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
);

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  translations: jsonb('translations').$type<Translations>().notNull().default({}),
  position: integer('position').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
});

export const statuses = pgTable('statuses', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', {
    enum: ['new', 'open', 'waiting_customer', 'waiting_provider', 'scheduled', 'resolved', 'closed'],
  }).notNull(),
  translations: jsonb('translations').$type<Translations>().notNull().default({}),
  position: integer('position').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
});
export type Status = typeof statuses.$inferSelect;

export const statusTransitions = pgTable(
  'status_transitions',
  {
    fromStatusId: uuid('from_status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    toStatusId: uuid('to_status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.fromStatusId, t.toStatusId] })],
);

/** The system's default matrix; contracts bring their own later. */
export const priorityMatrix = pgTable(
  'priority_matrix',
  {
    urgency: text('urgency', { enum: ['high', 'normal', 'low'] }).notNull(),
    impact: text('impact', { enum: ['high', 'normal', 'low'] }).notNull(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.urgency, t.impact] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
