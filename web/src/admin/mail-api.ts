import type {
  CategoryList,
  CreateMailboxInput,
  GroupList,
  InboundMessage,
  InboundMessagePage,
  InboundMessageQuery,
  Language,
  Mailbox,
  MailboxList,
  MailTemplate,
  MailTemplateList,
  OutboxMail,
  OutboxPage,
  OutboxQuery,
  OutboxStatus,
  SetMailTemplateInput,
  UpdateMailboxInput,
} from '@loket/contract';
import { api, ApiError } from '../lib/api-client.ts';

// The mail administration's calls, typed by the contract and made through the shared client's `request`.
const id = (value: string) => encodeURIComponent(value);

export const mailApi = {
  listMailboxes: () => api.request<MailboxList>('GET', '/mailboxes'),
  createMailbox: (input: CreateMailboxInput) => api.request<Mailbox>('POST', '/mailboxes', { body: input }),
  updateMailbox: (mailboxId: string, input: UpdateMailboxInput) =>
    api.request<Mailbox>('PATCH', `/mailboxes/${id(mailboxId)}`, { body: input }),
  listInbound: (query: Partial<InboundMessageQuery> = {}) =>
    api.request<InboundMessagePage>('GET', '/inbound-messages', { query }),
  reprocessInbound: (messageId: string) =>
    api.request<InboundMessage>('POST', `/inbound-messages/${id(messageId)}/reprocess`),
  discardInbound: (messageId: string) =>
    api.request<InboundMessage>('POST', `/inbound-messages/${id(messageId)}/discard`),
  /** A plain link (the browser downloads it with the session cookie). */
  inboundRawUrl: (messageId: string) => `/api/v1/inbound-messages/${id(messageId)}/raw`,
  listTemplates: () => api.request<MailTemplateList>('GET', '/mail-templates'),
  setTemplate: (key: string, language: Language, input: SetMailTemplateInput) =>
    api.request<MailTemplate>('PUT', `/mail-templates/${id(key)}/${language}`, { body: input }),
  resetTemplate: (key: string, language: Language) =>
    api.request<void>('DELETE', `/mail-templates/${id(key)}/${language}`),
  listOutbox: (query: Partial<OutboxQuery> = {}) => api.request<OutboxPage>('GET', '/outbox', { query }),
  getOutboxMail: (mailId: string) => api.request<OutboxMail>('GET', `/outbox/${id(mailId)}`),
  /** A failed or kept mail back to pending, sent by a job; 409 for any other status or without SMTP_URL. */
  resendOutboxMail: (mailId: string) => api.request<OutboxMail>('POST', `/outbox/${id(mailId)}/send`),
  listCategories: () => api.request<CategoryList>('GET', '/categories'),
  listGroups: () => api.request<GroupList>('GET', '/groups'),
};

export const MAIL_KEYS = {
  mailboxes: ['mailboxes'] as const,
  inbound: (query: object) => ['inbound-messages', query] as const,
  templates: ['mail-templates'] as const,
  outbox: (query: object) => ['outbox', query] as const,
  outboxMail: (mailId: string) => ['outbox', 'one', mailId] as const,
  categories: ['categories'] as const,
  groups: ['groups'] as const,
};

/** What the server sends again: a mail given up on, or one kept because no SMTP server was configured. */
export const canSendAgain = (status: OutboxStatus): boolean => status === 'failed' || status === 'kept';

/**
 * Whether sending a mail again was refused for want of SMTP_URL. The server answers 409 for that, and for a mail that
 * is no longer failed or kept (someone was first): a 409 for a mail that, read again, still is can only be the first.
 */
export const refusedForNoSmtp = (error: unknown, mailNow: OutboxMail | undefined): boolean =>
  error instanceof ApiError && error.code === 'conflict' && mailNow !== undefined && canSendAgain(mailNow.status);

/** Sample values for a template preview: each placeholder shows as a readable stand-in. */
export const PREVIEW_SAMPLES: Record<string, string> = {
  reference: 'T-2026-00042',
  subject: 'Printer on the second floor is offline',
  requesterName: 'Anna de Vries',
  agentName: 'Sam Jansen',
  portalUrl: 'https://desk.example/portal/tickets/T-2026-00042',
  organisationName: 'Acme',
};

/**
 * A template filled in for the preview: known samples where there are, `[name]` for the other placeholders, and
 * unknown placeholders left as written (the server refuses them on save).
 */
export function renderTemplatePreview(text: string, placeholders: readonly string[]): string {
  return text.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => {
    if (!placeholders.includes(name)) return whole;
    return PREVIEW_SAMPLES[name] ?? `[${name}]`;
  });
}

/** The placeholders a text uses that the template does not offer. */
export function unknownPlaceholders(text: string, placeholders: readonly string[]): string[] {
  const used = [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((name) => !placeholders.includes(name)))];
}
