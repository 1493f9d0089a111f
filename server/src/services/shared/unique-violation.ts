import { conflict } from '../../domain/app-error.ts';

/** PostgreSQL's SQLSTATE for `unique_violation`. */
const UNIQUE_VIOLATION = '23505';

/**
 * The unique constraint a database error broke, or `undefined` when it is no unique violation. node-postgres and
 * PGlite errors both carry `code` and `constraint`; drizzle wraps them in a DrizzleQueryError whose `cause` is the
 * driver's error, so the cause chain is followed a few steps.
 */
export function uniqueViolation(error: unknown): { constraint: string | undefined } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === UNIQUE_VIOLATION) {
      return { constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
    current = candidate.cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const violation = uniqueViolation(error);
  return violation !== undefined && (constraint === undefined || violation.constraint === constraint);
};

/**
 * Runs `work` (typically a whole transaction: PostgreSQL aborts a transaction at the violation, so it cannot be
 * caught inside it) and turns a unique violation into a `conflict`, with the message named for its constraint.
 * Races are settled this way: the constraint decides, whoever checked what before.
 */
export async function conflictOnUniqueViolation<T>(
  work: () => Promise<T>,
  messages: Record<string, string>,
  fallback = 'This conflicts with an existing record',
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violation = uniqueViolation(error);
    if (!violation) throw error;
    throw conflict((violation.constraint && messages[violation.constraint]) || fallback);
  }
}
