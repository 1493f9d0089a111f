import type { Category } from '@loket/contract';
import type { categories } from '../../../db/schema.ts';

export const toCategory = (row: typeof categories.$inferSelect): Category => ({
  id: row.id as Category['id'],
  key: row.key,
  name: row.name,
  translations: row.translations,
  position: row.position,
  isActive: row.isActive,
});

export const KEY_CONFLICT = (key: string) => ({ categories_key_unique: `A category with key ${key} already exists` });
