import { MailTemplate, MailTemplateList, SetMailTemplateInput } from '@loket/contract';
import { listMailTemplates } from '../../services/mail/templates/list-mail-templates.ts';
import { resetMailTemplate } from '../../services/mail/templates/reset-mail-template.ts';
import { setMailTemplate } from '../../services/mail/templates/set-mail-template.ts';
import { route } from '../route.ts';

export const mailTemplateRoutes = [
  route({
    method: 'GET',
    url: '/mail-templates',
    summary: 'Every mail template in English, Dutch and Swedish: the wording in effect and whether it was changed',
    tag: 'Mail',
    access: 'admin',
    response: MailTemplateList,
    handler: ({ ctx }) => listMailTemplates({ ctx }),
  }),
  route({
    method: 'PUT',
    url: '/mail-templates/:key/:language',
    summary: "Change a template's wording in one language",
    description:
      'Placeholders are written `{{name}}`; only the known ones are accepted (listed with each template). Values ' +
      'are filled in as plain text, and the subject always keeps the ticket reference in brackets.',
    tag: 'Mail',
    access: 'admin',
    params: { key: 'mailTemplateKey', language: 'mailTemplateLanguage' },
    body: SetMailTemplateInput,
    example: {
      subject: '[{{reference}}] Thank you: {{subject}}',
      body: 'Dear {{requesterName}},\n\nWe registered your request as {{reference}}.\n{{portalUrl}}\n',
    },
    response: MailTemplate,
    handler: ({ ctx, params, body }) =>
      setMailTemplate({ ctx, key: params.key!, language: params.language!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/mail-templates/:key/:language',
    summary: "Back to a template's built-in wording in one language",
    tag: 'Mail',
    access: 'admin',
    params: { key: 'mailTemplateKey', language: 'mailTemplateLanguage' },
    status: 204,
    handler: ({ ctx, params }) => resetMailTemplate({ ctx, key: params.key!, language: params.language! }),
  }),
];
