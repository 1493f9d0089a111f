import type {
  CategoryList,
  CreateSavedFilterInput,
  CreateTicketInput,
  GroupList,
  ListPeopleQuery,
  Person,
  RegisterContactInput,
  SavedFilter,
  SavedFilterList,
  Ticket,
  TicketCounts,
  UpdateSavedFilterInput,
} from '@loket/contract';
import { api, type Page } from '../lib/api-client.ts';

// The console's calls beyond the shared client's, typed by the contract and made through its `request`.
const id = (value: string) => encodeURIComponent(value);

export const consoleApi = {
  ticketCounts: () => api.request<TicketCounts>('GET', '/tickets/counts'),
  listSavedFilters: () => api.request<SavedFilterList>('GET', '/saved-filters'),
  createSavedFilter: (input: CreateSavedFilterInput) =>
    api.request<SavedFilter>('POST', '/saved-filters', { body: input }),
  updateSavedFilter: (filterId: string, input: UpdateSavedFilterInput) =>
    api.request<SavedFilter>('PATCH', `/saved-filters/${id(filterId)}`, { body: input }),
  deleteSavedFilter: (filterId: string) => api.request<void>('DELETE', `/saved-filters/${id(filterId)}`),
  listPeople: (query: Partial<ListPeopleQuery> = {}) => api.request<Page<Person>>('GET', '/people', { query }),
  registerContact: (input: RegisterContactInput) => api.request<Person>('POST', '/people/register', { body: input }),
  listCategories: () => api.request<CategoryList>('GET', '/categories'),
  listGroups: () => api.request<GroupList>('GET', '/groups'),
  createTicket: (input: CreateTicketInput) => api.request<Ticket>('POST', '/tickets', { body: input }),
};

/** Query keys: everything about tickets starts with 'tickets' (or 'ticket', one ticket), so one prefix refreshes it. */
export const CONSOLE_KEYS = {
  list: (query: object) => ['tickets', 'console', query] as const,
  counts: ['tickets', 'counts'] as const,
  savedFilters: ['saved-filters'] as const,
};
