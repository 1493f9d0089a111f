import { z } from 'zod';

export const Instant = z.iso.datetime({ offset: true });
export const Email = z.email().max(254);
export const Name = z.string().trim().min(1).max(200);
export const Translations = z.partialRecord(z.enum(['en', 'nl', 'sv']), z.string().trim().min(1).max(200));

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Query-string lists: `?status=open,resolved` or repeated `?status=open&status=resolved`. */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter(Boolean),
    z.array(item).min(1).max(50).optional(),
  );

export const IdParam = z.strictObject({ id: z.string().min(1).max(64) });
