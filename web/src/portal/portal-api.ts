import type {
  Article,
  Attachment,
  CategoryList,
  ConfirmInput,
  CreateArticleInput,
  CreateTicketInput,
  Me,
  PortalStatus,
  ReopenInput,
  ReopenResult,
  ServiceTerms,
  Ticket,
} from '@loket/contract';
import { ApiError, api, errorFromResponse } from '../lib/api-client.ts';

// The portal's calls on top of the shared typed client: the same request function (JSON, cookie, error model), plus
// the one multipart upload the client does not do.

export const portalApi = {
  serviceTerms: () => api.request<ServiceTerms>('GET', '/portal/service-terms'),
  status: () => api.request<PortalStatus>('GET', '/portal/status'),
  categories: () => api.request<CategoryList>('GET', '/categories'),
  createTicket: (input: CreateTicketInput) => api.request<Ticket>('POST', '/tickets', { body: input }),
  reply: (ticketId: string, input: CreateArticleInput) =>
    api.request<Article>('POST', `/tickets/${encodeURIComponent(ticketId)}/replies`, { body: input }),
  confirm: (ticketId: string, input: ConfirmInput = {}) =>
    api.request<Ticket>('POST', `/tickets/${encodeURIComponent(ticketId)}/confirm`, { body: input }),
  reopen: (ticketId: string, input: ReopenInput = {}) =>
    api.request<ReopenResult>('POST', `/tickets/${encodeURIComponent(ticketId)}/reopen`, { body: input }),
  requestLoginLink: (email: string) =>
    api.request<{ status: 'sent_if_known' }>('POST', '/auth/login-link', { body: { email } }),
  redeemLoginLink: (token: string) => api.request<Me>('POST', '/auth/login-link/redeem', { body: { token } }),
  /** One file as multipart/form-data (`file`); the id goes into `attachmentIds` of a ticket or reply. */
  async upload(file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, file.name);
    let response: Response;
    try {
      response = await fetch('/api/v1/attachments', { method: 'POST', body: form, credentials: 'same-origin' });
    } catch (error) {
      throw new ApiError('network', error instanceof Error ? error.message : 'network error', 0);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as Attachment;
  },
  /** Uploads the files one after the other and gives their ids. */
  async uploadAll(files: readonly File[]): Promise<Attachment['id'][]> {
    const ids: Attachment['id'][] = [];
    for (const file of files) ids.push((await portalApi.upload(file)).id);
    return ids;
  },
};
