import type {
  Calendar,
  CalendarList,
  Category,
  CategoryList,
  Contract,
  ContractList,
  ContractVersionInput,
  ContractWithVersions,
  CreateCalendarInput,
  CreateCategoryInput,
  CreateContractInput,
  CreateGroupInput,
  CreateOrganisationInput,
  CreatePersonInput,
  CreateStatusInput,
  Group,
  GroupList,
  ListPeopleQuery,
  Organisation,
  Person,
  PriorityMatrix,
  Settings,
  SimulateSlaInput,
  SimulateSlaResult,
  Status,
  UpdateCalendarInput,
  UpdateCategoryInput,
  UpdateContractInput,
  UpdateGroupInput,
  UpdateOrganisationInput,
  UpdatePersonInput,
  UpdatePriorityMatrixInput,
  UpdateSettingsInput,
  UpdateStatusInput,
} from '@loket/contract';
import { api, type Page } from '../lib/api-client.ts';

// The administration's calls, typed by the contract, on the app's shared client (same origin, cookie session).
// Bodies are the contract's input types as sent (zod input: defaults may be left out).

type In<T> = Partial<T>;
const id = (value: string) => encodeURIComponent(value);
const { request } = api;

export const adminApi = {
  createOrganisation: (input: In<CreateOrganisationInput> & { name: string }) =>
    request<Organisation>('POST', '/organisations', { body: input }),
  updateOrganisation: (organisationId: string, input: UpdateOrganisationInput) =>
    request<Organisation>('PATCH', `/organisations/${id(organisationId)}`, { body: input }),

  listPeople: (query: Partial<ListPeopleQuery> = {}) => request<Page<Person>>('GET', '/people', { query }),
  createPerson: (input: CreatePersonInput) => request<Person>('POST', '/people', { body: input }),
  updatePerson: (personId: string, input: UpdatePersonInput) =>
    request<Person>('PATCH', `/people/${id(personId)}`, { body: input }),

  listGroups: () => request<GroupList>('GET', '/groups'),
  createGroup: (input: In<CreateGroupInput> & { name: string }) => request<Group>('POST', '/groups', { body: input }),
  updateGroup: (groupId: string, input: UpdateGroupInput) =>
    request<Group>('PATCH', `/groups/${id(groupId)}`, { body: input }),

  listCategories: () => request<CategoryList>('GET', '/categories'),
  createCategory: (input: In<CreateCategoryInput> & { key: string; name: string }) =>
    request<Category>('POST', '/categories', { body: input }),
  updateCategory: (categoryId: string, input: UpdateCategoryInput) =>
    request<Category>('PATCH', `/categories/${id(categoryId)}`, { body: input }),

  createStatus: (input: In<CreateStatusInput> & Pick<CreateStatusInput, 'key' | 'name' | 'kind'>) =>
    request<Status>('POST', '/statuses', { body: input }),
  updateStatus: (statusId: string, input: UpdateStatusInput) =>
    request<Status>('PATCH', `/statuses/${id(statusId)}`, { body: input }),

  getPriorityMatrix: () => request<PriorityMatrix>('GET', '/priority-matrix'),
  updatePriorityMatrix: (input: UpdatePriorityMatrixInput) =>
    request<PriorityMatrix>('PUT', '/priority-matrix', { body: input }),

  getSettings: () => request<Settings>('GET', '/settings'),
  updateSettings: (input: UpdateSettingsInput) => request<Settings>('PATCH', '/settings', { body: input }),

  listCalendars: () => request<CalendarList>('GET', '/calendars'),
  getCalendar: (calendarId: string) => request<Calendar>('GET', `/calendars/${id(calendarId)}`),
  createCalendar: (input: CreateCalendarInput) => request<Calendar>('POST', '/calendars', { body: input }),
  updateCalendar: (calendarId: string, input: UpdateCalendarInput) =>
    request<Calendar>('PATCH', `/calendars/${id(calendarId)}`, { body: input }),
  simulateSla: (input: SimulateSlaInput) => request<SimulateSlaResult>('POST', '/sla/simulate', { body: input }),

  listContracts: () => request<ContractList>('GET', '/contracts'),
  getContract: (contractId: string) => request<ContractWithVersions>('GET', `/contracts/${id(contractId)}`),
  createContract: (input: CreateContractInput) => request<ContractWithVersions>('POST', '/contracts', { body: input }),
  updateContract: (contractId: string, input: UpdateContractInput) =>
    request<Contract>('PATCH', `/contracts/${id(contractId)}`, { body: input }),
  addContractVersion: (contractId: string, input: ContractVersionInput) =>
    request<ContractWithVersions>('POST', `/contracts/${id(contractId)}/versions`, { body: input }),
};

/** Every organisation (up to 200, by name) for pickers and lists. */
export const organisationsQuery = {
  queryKey: ['organisations'],
  queryFn: () => api.listOrganisations({ limit: 200 }),
} as const;
/** Provider staff (agents and admins) for group pickers. */
export const staffQuery = {
  queryKey: ['people', 'staff'],
  queryFn: async () => {
    const [agents, admins] = await Promise.all([
      adminApi.listPeople({ role: 'agent', limit: 200 }),
      adminApi.listPeople({ role: 'admin', limit: 200 }),
    ]);
    return [...agents.items, ...admins.items].sort((a, b) => a.name.localeCompare(b.name));
  },
} as const;
export const groupsQuery = { queryKey: ['groups'], queryFn: adminApi.listGroups } as const;
export const calendarsQuery = { queryKey: ['calendars'], queryFn: adminApi.listCalendars } as const;
export const statusesQuery = { queryKey: ['statuses'], queryFn: api.listStatuses } as const;
export const categoriesQuery = { queryKey: ['categories'], queryFn: adminApi.listCategories } as const;
