import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CalendarDefinition } from '../../domain/sla/calendar.ts';

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
