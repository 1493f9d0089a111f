import { CreateMailboxInput, Mailbox, MailboxList, UpdateMailboxInput } from '@loket/contract';
import { createMailbox } from '../../services/mail/mailboxes/create-mailbox.ts';
import { getMailbox } from '../../services/mail/mailboxes/get-mailbox.ts';
import { listMailboxes } from '../../services/mail/mailboxes/list-mailboxes.ts';
import { updateMailbox } from '../../services/mail/mailboxes/update-mailbox.ts';
import { route } from '../route.ts';

export const mailboxRoutes = [
  route({
    method: 'GET',
    url: '/mailboxes',
    summary: 'Every mailbox, by name',
    description: 'Admins only. The IMAP password is never returned: `imap.hasPassword` says whether one is set.',
    tag: 'Mail',
    access: 'admin',
    response: MailboxList,
    handler: ({ ctx }) => listMailboxes({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/mailboxes/:id',
    summary: 'One mailbox, with its IMAP checkpoint and last error',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'mailbox' },
    response: Mailbox,
    handler: ({ ctx, params }) => getMailbox({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/mailboxes',
    summary: 'Add a mailbox',
    description:
      '`inbound: smtp`: an MTA relays mail for the address to the built-in SMTP receiver. `inbound: imap`: Loket ' +
      'imports from the IMAP folder (watched with IDLE, checked every minute), by UID — it never marks or moves mail. ' +
      'Names and addresses are unique (409).',
    tag: 'Mail',
    access: 'admin',
    body: CreateMailboxInput,
    example: {
      name: 'Support',
      address: 'help@provider.example',
      inbound: 'imap',
      imap: {
        host: 'imap.provider.example',
        port: 993,
        secure: true,
        user: 'help',
        password: 'secret',
        folder: 'INBOX',
      },
      urgency: 'normal',
      impact: 'normal',
    },
    response: Mailbox,
    status: 201,
    handler: ({ ctx, body }) => createMailbox({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/mailboxes/:id',
    summary: 'Change a mailbox; `isActive: false` retires it',
    description:
      'Mailboxes are not deleted (their messages refer to them). `imap` replaces the IMAP settings; without ' +
      '`imap.password` the stored password is kept. Pointing at another server, account or folder restarts the import ' +
      'checkpoint; messages already imported are not imported twice.',
    tag: 'Mail',
    access: 'admin',
    params: { id: 'mailbox' },
    body: UpdateMailboxInput,
    example: { name: 'Support desk', isActive: true },
    response: Mailbox,
    handler: ({ ctx, params, body }) => updateMailbox({ ctx, id: params.id!, input: body }),
  }),
];
