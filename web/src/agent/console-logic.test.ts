import { describe, expect, it } from 'vitest';
import {
  filtersFromQuery,
  filtersFromSearchParams,
  filtersToQuery,
  filtersToSavedQuery,
  isTypingTarget,
  listQueryFor,
  moveSelection,
  slaState,
} from './console-logic.ts';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const sla = (dueAt: string | null, breached = false, paused = false) => ({
  dueAt,
  clock: 'resolution' as const,
  breached,
  paused,
  firstResponseDueAt: null,
  resolutionDueAt: dueAt,
});

describe('console filters', () => {
  it('reads the address, leaving out what it does not understand', () => {
    const params = new URLSearchParams('view=breaching_soon&q=%20vpn%20&priority=P1,P9,P2&sort=colour&x=1');
    expect(filtersFromSearchParams(params)).toEqual({ view: 'breaching_soon', q: 'vpn', priority: ['P1', 'P2'] });
  });

  it('starts on all open tickets, and knows "all" as no view', () => {
    expect(filtersFromQuery({})).toEqual({ view: 'open' });
    expect(filtersFromQuery({ view: 'all' })).toEqual({ view: 'all' });
    expect(listQueryFor({ view: 'all' }).view).toBeUndefined();
  });

  it('sorts breaching soon by the next deadline unless told otherwise', () => {
    expect(listQueryFor({ view: 'breaching_soon' }).sort).toBe('dueAt');
    expect(listQueryFor({ view: 'mine' }).sort).toBe('-updatedAt');
    expect(listQueryFor({ view: 'breaching_soon', sort: 'priority' }).sort).toBe('priority');
  });

  it('writes the query strings back, without the default sort, and survives a round trip', () => {
    const filters = {
      view: 'mine' as const,
      q: 'printer',
      organisationId: 'org-1',
      priority: ['P1' as const, 'P2' as const],
      sort: '-updatedAt' as const,
    };
    const query = filtersToQuery(filters);
    expect(query).toEqual({ view: 'mine', q: 'printer', organisationId: 'org-1', priority: 'P1,P2' });
    const { sort: _sort, ...withoutSort } = filters;
    expect(filtersFromQuery(query)).toEqual(withoutSort);
  });

  it('saves "all" as a query without a view, as GET /tickets takes it', () => {
    expect(filtersToSavedQuery({ view: 'all', q: 'x' })).toEqual({ q: 'x' });
    expect(filtersToSavedQuery({ view: 'open', sort: 'priority' })).toEqual({ view: 'open', sort: 'priority' });
    expect(filtersFromQuery({ view: 'all', q: 'x' })).toEqual({ view: 'all', q: 'x' });
  });
});

describe('slaState', () => {
  it('has no due to show without an SLA, or while the clocks are paused or all met', () => {
    expect(slaState(null, NOW)).toEqual({ state: 'none' });
    expect(slaState(undefined, NOW)).toEqual({ state: 'none' });
    expect(slaState(sla(null, false, true), NOW)).toEqual({ state: 'paused' });
    expect(slaState(sla(null), NOW)).toEqual({ state: 'met' });
  });

  it('shows a recorded breach first', () => {
    expect(slaState(sla('2026-03-02T12:00:00Z', true), NOW)).toEqual({ state: 'breached' });
  });

  it('counts the time left in whole minutes, urgent within the hour', () => {
    expect(slaState(sla('2026-03-02T12:10:30Z'), NOW)).toEqual({
      state: 'due',
      minutes: 130,
      soon: false,
      clock: 'resolution',
    });
    expect(slaState(sla('2026-03-02T10:59:59Z'), NOW)).toMatchObject({ state: 'due', minutes: 59, soon: true });
  });

  it('shows a passed deadline as overdue before the breach is recorded', () => {
    expect(slaState(sla('2026-03-02T09:59:30Z'), NOW)).toEqual({
      state: 'overdue',
      minutes: 1,
      clock: 'resolution',
    });
  });
});

describe('moveSelection', () => {
  it('starts at either end and stays within the list', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(1, 1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe('isTypingTarget', () => {
  it('leaves keys typed in fields, menus and dialogs alone', () => {
    const input = document.createElement('input');
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    const row = document.createElement('tr');
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(button)).toBe(true);
    expect(isTypingTarget(row)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
