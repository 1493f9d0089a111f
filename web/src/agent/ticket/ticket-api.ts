import type {
  Article,
  AssignInput,
  Attachment,
  CategoryList,
  ChangeStatusInput,
  CreateArticleInput,
  CreateLinkInput,
  CreateNoteInput,
  CreateTimeEntryInput,
  GroupList,
  MergeInput,
  Person,
  PriorityMatrix,
  Ticket,
  TicketHistory,
  TicketLink,
  TicketLinkList,
  TicketSla,
  TicketTask,
  TicketTaskList,
  TimeEntry,
  TimeEntryList,
  UpdateTicketInput,
} from '@loket/contract';
import { api, ApiError, errorFromResponse, type Page } from '../../lib/api-client.ts';

// The ticket page's calls, on the shared client's `request` (typed by the contract), so the shared client file stays
// small. Input types are the contract's inputs before zod defaults (`z.input`), as the server parses them.

const id = (value: string) => encodeURIComponent(value);
const t = (ticketId: string) => `/tickets/${id(ticketId)}`;

export type TimeEntryInput = Omit<CreateTimeEntryInput, 'isBillable'> & { isBillable?: boolean };

export const ticketApi = {
  updateTicket: (ticketId: string, input: UpdateTicketInput) =>
    api.request<Ticket>('PATCH', t(ticketId), { body: input }),
  reply: (ticketId: string, input: CreateArticleInput) =>
    api.request<Article>('POST', `${t(ticketId)}/replies`, { body: input }),
  note: (ticketId: string, input: CreateNoteInput) =>
    api.request<Article>('POST', `${t(ticketId)}/notes`, { body: input }),
  changeStatus: (ticketId: string, input: ChangeStatusInput) =>
    api.request<Ticket>('POST', `${t(ticketId)}/status`, { body: input }),
  assign: (ticketId: string, input: AssignInput) =>
    api.request<Ticket>('POST', `${t(ticketId)}/assign`, { body: input }),
  links: (ticketId: string) => api.request<TicketLinkList>('GET', `${t(ticketId)}/links`),
  link: (ticketId: string, input: CreateLinkInput) =>
    api.request<TicketLink>('POST', `${t(ticketId)}/links`, { body: input }),
  unlink: (ticketId: string, linkId: string) => api.request<void>('DELETE', `${t(ticketId)}/links/${id(linkId)}`),
  merge: (ticketId: string, input: MergeInput) => api.request<Ticket>('POST', `${t(ticketId)}/merge`, { body: input }),
  history: (ticketId: string) => api.request<TicketHistory>('GET', `${t(ticketId)}/history`),
  sla: (ticketId: string) => api.request<TicketSla>('GET', `${t(ticketId)}/sla`),
  timeEntries: (ticketId: string) => api.request<TimeEntryList>('GET', `${t(ticketId)}/time-entries`),
  logTime: (ticketId: string, input: TimeEntryInput) =>
    api.request<TimeEntry>('POST', `${t(ticketId)}/time-entries`, { body: input }),
  tasks: (ticketId: string) => api.request<TicketTaskList>('GET', `${t(ticketId)}/tasks`),
  completeTask: (ticketId: string, taskId: string) =>
    api.request<TicketTask>('POST', `${t(ticketId)}/tasks/${id(taskId)}/complete`),
  categories: () => api.request<CategoryList>('GET', '/categories'),
  groups: () => api.request<GroupList>('GET', '/groups'),
  priorityMatrix: () => api.request<PriorityMatrix>('GET', '/priority-matrix'),
  /** Agents and admins, who may be assigned (the provider's people). */
  agents: async (): Promise<Person[]> => {
    const [agents, admins] = await Promise.all([
      api.request<Page<Person>>('GET', '/people', { query: { role: 'agent', limit: 100 } }),
      api.request<Page<Person>>('GET', '/people', { query: { role: 'admin', limit: 100 } }),
    ]);
    return [...agents.items, ...admins.items].filter((p) => p.isActive).sort((a, b) => a.name.localeCompare(b.name));
  },
};

/** Uploads one file (multipart, field `file`) and answers the attachment to reference by id. */
export async function uploadAttachment(file: File, doFetch: typeof fetch = globalThis.fetch): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await doFetch('/api/v1/attachments', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : 'network error', 0);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as Attachment;
}
