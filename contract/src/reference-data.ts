import { z } from 'zod';
import { Instant, Name, Translations } from './common.ts';
import { Level, Priority, StatusKind } from './enums.ts';
import { CategoryId, GroupId, PersonId, StatusId } from './ids.ts';

const Key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

export const Group = z.object({
  id: GroupId,
  name: z.string(),
  description: z.string().nullable(),
  leadId: PersonId.nullable(),
  memberIds: z.array(PersonId),
  createdAt: Instant,
});
export type Group = z.infer<typeof Group>;
export const GroupList = z.object({ items: z.array(Group) });
export type GroupList = z.infer<typeof GroupList>;
export const CreateGroupInput = z.strictObject({
  name: Name,
  description: z.string().trim().max(2000).optional(),
  leadId: PersonId.optional(),
  memberIds: z.array(PersonId).max(500).default([]),
});
export type CreateGroupInput = z.infer<typeof CreateGroupInput>;
export const UpdateGroupInput = z.strictObject({
  name: Name.optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  leadId: PersonId.nullable().optional(),
  memberIds: z.array(PersonId).max(500).optional(),
});
export type UpdateGroupInput = z.infer<typeof UpdateGroupInput>;

export const Category = z.object({
  id: CategoryId,
  key: z.string(),
  name: z.string(),
  translations: Translations,
  position: z.number().int(),
  isActive: z.boolean(),
});
export type Category = z.infer<typeof Category>;
export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;
export const CreateCategoryInput = z.strictObject({
  key: Key,
  name: Name,
  translations: Translations.default({}),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateCategoryInput = z.infer<typeof CreateCategoryInput>;
export const UpdateCategoryInput = z.strictObject({
  name: Name.optional(),
  translations: Translations.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  isActive: z.boolean().optional(),
});
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;

export const Status = z.object({
  id: StatusId,
  key: z.string(),
  name: z.string(),
  kind: StatusKind,
  translations: Translations,
  position: z.number().int(),
  isActive: z.boolean(),
  /** The statuses a ticket in this status may move to. */
  transitionsTo: z.array(StatusId),
});
export type Status = z.infer<typeof Status>;
export const StatusList = z.object({ items: z.array(Status) });
export type StatusList = z.infer<typeof StatusList>;
export const CreateStatusInput = z.strictObject({
  key: Key,
  name: Name,
  kind: StatusKind,
  translations: Translations.default({}),
  position: z.number().int().min(0).max(10_000).optional(),
  transitionsTo: z.array(StatusId).max(100).default([]),
  transitionsFrom: z.array(StatusId).max(100).default([]),
});
export type CreateStatusInput = z.infer<typeof CreateStatusInput>;
/** A status keeps its kind for life: tickets, reports and SLA ledgers already depend on it. */
export const UpdateStatusInput = z.strictObject({
  name: Name.optional(),
  translations: Translations.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  isActive: z.boolean().optional(),
  transitionsTo: z.array(StatusId).max(100).optional(),
});
export type UpdateStatusInput = z.infer<typeof UpdateStatusInput>;

export const PriorityMatrix = z.object({
  cells: z.array(z.object({ urgency: Level, impact: Level, priority: Priority })).length(9),
});
export type PriorityMatrix = z.infer<typeof PriorityMatrix>;
export const UpdatePriorityMatrixInput = z.strictObject({
  cells: z
    .array(z.strictObject({ urgency: Level, impact: Level, priority: Priority }))
    .length(9)
    .refine((cells) => new Set(cells.map((c) => `${c.urgency}/${c.impact}`)).size === 9, 'each urgency × impact once'),
});
export type UpdatePriorityMatrixInput = z.infer<typeof UpdatePriorityMatrixInput>;

export const Settings = z.object({
  ticketPrefix: z.string(),
  reopenWindowDays: z.number().int(),
  defaultLanguage: z.enum(['en', 'nl', 'sv']),
  /**
   * Days the raw bytes of a received message are kept once it is filed, ignored or discarded (the ticket, its
   * articles and attachments stay); null keeps them for ever. Quarantined messages keep theirs until an admin acts.
   */
  rawMailRetentionDays: z.number().int().nullable(),
});
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsInput = z.strictObject({
  ticketPrefix: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{0,7}$/, '1–8 capital letters or digits')
    .optional(),
  reopenWindowDays: z.number().int().min(0).max(365).optional(),
  defaultLanguage: z.enum(['en', 'nl', 'sv']).optional(),
  rawMailRetentionDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;
