import type { CreateLinkInput, LinkKind } from '@loket/contract';

/** How a requested link is stored: child_of is parent_of seen from the other side. */
export function storedLink(
  kind: CreateLinkInput['kind'],
  thisTicketId: string,
  otherTicketId: string,
): { kind: Exclude<LinkKind, 'merged_into' | 'follow_up_of'>; sourceTicketId: string; targetTicketId: string } {
  if (kind === 'child_of') return { kind: 'parent_of', sourceTicketId: otherTicketId, targetTicketId: thisTicketId };
  return { kind, sourceTicketId: thisTicketId, targetTicketId: otherTicketId };
}

export const CHANGE_CATEGORY_KEY = 'change';

/**
 * fixed_by joins an incident (anything but a change) to the change request that fixes it. Returns why a link is
 * not acceptable, or null when it is.
 */
export function fixedByProblem(sourceCategoryKey: string, targetCategoryKey: string): string | null {
  if (sourceCategoryKey === CHANGE_CATEGORY_KEY)
    return 'A change request is not fixed by another ticket; link it the other way round';
  if (targetCategoryKey !== CHANGE_CATEGORY_KEY)
    return 'An incident is fixed by a change request: the other ticket must be in the change category';
  return null;
}

/** Links that record what happened (a merge, a follow-up) are history and cannot be removed. */
export const isHistoricalLink = (kind: LinkKind): boolean => kind === 'merged_into' || kind === 'follow_up_of';
