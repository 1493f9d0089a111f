/**
 * The ticket reference a subject names, e.g. `Re: [LK-26-00042] Backup failed` → `LK-26-00042`, for the desk's
 * prefix (settings.ticketPrefix). A bracketed reference wins over a bare one; the first of each kind counts.
 */
export function referenceInSubject(subject: string | undefined, prefix: string): string | undefined {
  if (!subject) return undefined;
  const p = prefix.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!p) return undefined;
  const text = subject.toUpperCase();
  const bracketed = new RegExp(`\\[\\s*(${p}-\\d{2}-\\d{5,})\\s*\\]`).exec(text);
  if (bracketed) return bracketed[1];
  const bare = new RegExp(`(?:^|[^A-Z0-9-])(${p}-\\d{2}-\\d{5,})(?![0-9A-Z-])`).exec(text);
  return bare?.[1];
}
