import { describe, expect, it } from 'vitest';
import { fixedByProblem, isHistoricalLink, storedLink } from './links.ts';

describe('ticket links', () => {
  it('stores child_of as parent_of from the other side', () => {
    expect(storedLink('child_of', 'me', 'other')).toEqual({
      kind: 'parent_of',
      sourceTicketId: 'other',
      targetTicketId: 'me',
    });
    expect(storedLink('parent_of', 'me', 'other')).toEqual({
      kind: 'parent_of',
      sourceTicketId: 'me',
      targetTicketId: 'other',
    });
  });

  it('accepts fixed_by only from a non-change to a change', () => {
    expect(fixedByProblem('incident', 'change')).toBeNull();
    expect(fixedByProblem('service_request', 'change')).toBeNull();
    expect(fixedByProblem('incident', 'incident')).toMatch(/change/);
    expect(fixedByProblem('change', 'change')).toMatch(/change/);
  });

  it('keeps merge and follow-up links as history', () => {
    expect(isHistoricalLink('merged_into')).toBe(true);
    expect(isHistoricalLink('follow_up_of')).toBe(true);
    expect(isHistoricalLink('related')).toBe(false);
  });
});
