import { OutboxMail, OutboxPage, OutboxQuery } from '@loket/contract';
import { getOutboxMail } from '../../services/mail/outbox/get-outbox-mail.ts';
import { listOutbox } from '../../services/mail/outbox/list-outbox.ts';
import { resendOutboxMail } from '../../services/mail/outbox/resend-outbox-mail.ts';
import { route } from '../route.ts';

export const outboxRoutes = [
  route({
    method: 'GET',
    url: '/outbox',
    summary: 'Mail Loket wrote, newest first (`status=kept` without SMTP_URL, `pending`, `sent`, `failed`)',
    description:
      'Every mail is written here in the transaction of the change that caused it, then sent by a job when ' +
      'SMTP_URL is configured; without it, mail stays here as `kept`.',
    tag: 'Mail',
    access: 'admin',
    query: OutboxQuery,
    response: OutboxPage,
    handler: ({ ctx, query }) => listOutbox({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/outbox/:id',
    summary: 'One mail of the outbox, with its text, headers and delivery state',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'outbox' },
    response: OutboxMail,
    handler: ({ ctx, params }) => getOutboxMail({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/outbox/:id/send',
    summary: 'Send a failed or kept mail again',
    description:
      'Back to `pending` with its attempts reset, so it gets the full retry budget again, and sent by a job; the ' +
      'mail keeps its Message-ID. Only a `failed` or `kept` mail, and only when SMTP_URL is configured: any other ' +
      'status, or no SMTP_URL, answers 409.',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'outbox' },
    response: OutboxMail,
    handler: ({ ctx, params }) => resendOutboxMail({ ctx, id: params.id! }),
  }),
];
