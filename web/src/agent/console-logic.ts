import {
  Priority,
  type SlaClockName,
  type Ticket,
  type TicketSort,
  TicketSort as TicketSortSchema,
  TicketView,
  defaultTicketSort,
} from '@loket/contract';
import type { TicketQuery } from '../lib/api-client.ts';

// The console's filters, kept in the address (so Back, reload and a shared link show the same list) and stored as
// saved filters in the same form: the query strings of GET /tickets.

export type ConsoleView = TicketView | 'all';
export const CONSOLE_VIEWS: readonly ConsoleView[] = [
  'mine',
  'my_groups_unassigned',
  'open',
  'breaching_soon',
  'waiting_customer',
  'all',
];
export const DEFAULT_VIEW: ConsoleView = 'open';

export type ConsoleFilters = {
  view: ConsoleView;
  q?: string;
  organisationId?: string;
  priority?: Priority[];
  sort?: TicketSort;
};

/**
 * Which tickets are breaching soon changes with the clock alone, with no ticket event to say so: the view counts, and
 * the breaching-soon list while shown, are asked again this often.
 */
export const CLOCK_DRIVEN_REFRESH_MS = 60_000;

/** The sort a view starts with: breaching soon by the due each row shows, soonest first; the others by the latest change. */
export const defaultSort = (view: ConsoleView): TicketSort => defaultTicketSort(view);

/** Filters from query strings (the address or a saved filter); what is not understood is left out. */
export function filtersFromQuery(query: Record<string, string | string[] | undefined>): ConsoleFilters {
  const one = (key: string) => {
    const value = query[key];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const view = TicketView.safeParse(one('view'));
  const sort = TicketSortSchema.safeParse(one('sort'));
  const priority = (one('priority') ?? '').split(',').filter((p): p is Priority => Priority.safeParse(p).success);
  const q = one('q')?.trim();
  const organisationId = one('organisationId')?.trim();
  return {
    view: view.success ? view.data : one('view') === 'all' ? 'all' : DEFAULT_VIEW,
    ...(q ? { q } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(priority.length ? { priority } : {}),
    ...(sort.success ? { sort: sort.data } : {}),
  };
}

export function filtersFromSearchParams(params: URLSearchParams): ConsoleFilters {
  return filtersFromQuery(Object.fromEntries(params.entries()));
}

/** Filters as query strings, leaving out what is empty; `view=all` stands for no view preset. */
export function filtersToQuery(filters: ConsoleFilters): { view: string } & Record<string, string> {
  const out: { view: string } & Record<string, string> = { view: filters.view };
  if (filters.q) out.q = filters.q;
  if (filters.organisationId) out.organisationId = filters.organisationId;
  if (filters.priority?.length) out.priority = filters.priority.join(',');
  if (filters.sort && filters.sort !== defaultSort(filters.view)) out.sort = filters.sort;
  return out;
}

/** A saved filter's query as GET /tickets accepts it: `all` is no view at all. */
export function filtersToSavedQuery(filters: ConsoleFilters): Record<string, string> {
  const { view, ...rest } = filtersToQuery(filters);
  return view === 'all' ? rest : { view, ...rest };
}

/** The list request for the filters. */
export function listQueryFor(filters: ConsoleFilters): TicketQuery {
  return {
    view: filters.view === 'all' ? undefined : filters.view,
    q: filters.q,
    organisationId: filters.organisationId as TicketQuery['organisationId'],
    priority: filters.priority,
    sort: filters.sort ?? defaultSort(filters.view),
  };
}

/** The counts' field for a view. */
export const COUNT_FIELD = {
  mine: 'mine',
  my_groups_unassigned: 'myGroupsUnassigned',
  open: 'open',
  breaching_soon: 'breachingSoon',
  waiting_customer: 'waitingCustomer',
} as const satisfies Record<TicketView, string>;

/** Within this many minutes a deadline is shown as urgent. */
export const SOON_MINUTES = 60;

export type SlaState =
  | { state: 'none' }
  | { state: 'paused' }
  | { state: 'met' }
  | { state: 'breached' }
  | { state: 'overdue'; minutes: number; clock: SlaClockName | null }
  | { state: 'due'; minutes: number; soon: boolean; clock: SlaClockName | null };

/**
 * A ticket's SLA as the list shows it: no SLA, its clocks paused or all met, breached, or due. A deadline already past counts as overdue even before the sweep records the
 * breach. Whole minutes: rounded down for time left, up for time overdue.
 */
export function slaState(sla: Ticket['sla'], nowMs: number): SlaState {
  if (!sla) return { state: 'none' };
  if (sla.breached) return { state: 'breached' };
  if (!sla.dueAt) return { state: sla.paused ? 'paused' : 'met' };
  const diffMs = Date.parse(sla.dueAt) - nowMs;
  if (diffMs < 0) return { state: 'overdue', minutes: Math.ceil(-diffMs / 60_000), clock: sla.clock };
  const minutes = Math.floor(diffMs / 60_000);
  return { state: 'due', minutes, soon: minutes < SOON_MINUTES, clock: sla.clock };
}

/** The next selected row for a step, kept inside the list; no selection yet starts at the first (or last) row. */
export function moveSelection(current: number, delta: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

/** Whether a key press belongs to a field or widget (typing, a menu, a dialog) rather than to the list. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target.closest('[role="dialog"], [role="listbox"], [role="menu"], [role="tablist"]') !== null;
}
