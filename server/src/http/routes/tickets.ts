import {
  Article,
  ArticleList,
  AssignInput,
  ChangeStatusInput,
  ConfirmInput,
  CreateArticleInput,
  CreateLinkInput,
  CreateNoteInput,
  CreateTicketInput,
  CreateTimeEntryInput,
  ListTicketsQuery,
  MergeInput,
  Page,
  ReopenInput,
  ReopenResult,
  Ticket,
  TicketCounts,
  TicketCountsQuery,
  TicketHistory,
  TicketLink,
  TicketSla,
  TicketLinkList,
  TimeEntry,
  TimeEntryList,
  UpdateTicketInput,
} from '@loket/contract';
import { explainTicketSla } from '../../services/sla/explain-ticket-sla.ts';
import { addTicketNote } from '../../services/tickets/add-ticket-note.ts';
import { assignTicket } from '../../services/tickets/assign-ticket.ts';
import { changeTicketStatus } from '../../services/tickets/change-ticket-status.ts';
import { confirmTicket } from '../../services/tickets/confirm-ticket.ts';
import { countTickets } from '../../services/tickets/count-tickets.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';
import { getTicket } from '../../services/tickets/get-ticket.ts';
import { getTicketHistory } from '../../services/tickets/get-ticket-history.ts';
import { linkTicket } from '../../services/tickets/link-ticket.ts';
import { listArticles } from '../../services/tickets/list-articles.ts';
import { listTicketLinks } from '../../services/tickets/list-ticket-links.ts';
import { listTickets } from '../../services/tickets/list-tickets.ts';
import { listTimeEntries } from '../../services/tickets/list-time-entries.ts';
import { logTime } from '../../services/tickets/log-time.ts';
import { mergeTicket } from '../../services/tickets/merge-ticket.ts';
import { reopenTicket } from '../../services/tickets/reopen-ticket.ts';
import { replyToTicket } from '../../services/tickets/reply-to-ticket.ts';
import { unlinkTicket } from '../../services/tickets/unlink-ticket.ts';
import { updateTicket } from '../../services/tickets/update-ticket.ts';
import { route } from '../route.ts';

export const ticketRoutes = [
  route({
    method: 'GET',
    url: '/tickets',
    summary: 'List tickets you may see, filtered and sorted, with cursor pagination',
    description:
      'The agent console’s views are `view` presets, combined with the other filters: `mine`, ' +
      '`my_groups_unassigned` (agents), `open`, `breaching_soon` (next SLA deadline within `dueWithinMinutes`, ' +
      'default 240; sorted by `dueAt`, the soonest due first, unless `sort` says otherwise) and `waiting_customer`. Each ticket carries ' +
      '`sla`, its SLA at a glance (the next due instant and its clock, the first response’s due instant).',
    tag: 'Tickets',
    access: 'authenticated',
    query: ListTicketsQuery,
    response: Page(Ticket),
    handler: ({ ctx, query }) => listTickets({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/tickets/counts',
    summary: 'How many tickets each view of the console holds for you, in one round trip',
    description:
      'The same conditions as `GET /tickets?view=`. Customers count within their own tickets (managers: their ' +
      'organisation’s); `mine` and `myGroupsUnassigned` are null for them.',
    tag: 'Tickets',
    access: 'authenticated',
    query: TicketCountsQuery,
    response: TicketCounts,
    handler: ({ ctx, query }) => countTickets({ ctx, query }),
  }),
  route({
    method: 'POST',
    url: '/tickets',
    summary: 'Open a ticket with its first message',
    description:
      'Customers open tickets for themselves. Agents may name `requesterEmail` (an unknown address is registered ' +
      'as a contact of the organisation owning its domain) and `channel` (e.g. `phone` for a logged call).',
    tag: 'Tickets',
    access: 'authenticated',
    body: CreateTicketInput,
    response: Ticket,
    status: 201,
    handler: ({ ctx, body }) => createTicket({ ctx, input: body }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id',
    summary: 'One ticket, by id or reference',
    tag: 'Tickets',
    access: 'authenticated',
    params: { id: 'ticket' },
    response: Ticket,
    handler: ({ ctx, params }) => getTicket({ ctx, id: params.id! }),
  }),
  route({
    method: 'PATCH',
    url: '/tickets/:id',
    summary: 'Change a ticket’s fields',
    description:
      'Customers may change the subject and propose urgency and impact of tickets that are not closed; naming any ' +
      'other field answers 403. Urgency and impact set the priority through the matrix. Agents may override the ' +
      'priority with `priority` and a `priorityReason`; the override holds when urgency or impact change later.',
    tag: 'Tickets',
    access: 'authenticated',
    params: { id: 'ticket' },
    body: UpdateTicketInput,
    example: { subject: 'Printer on the 2nd floor still jams', urgency: 'high' },
    response: Ticket,
    handler: ({ ctx, params, body }) => updateTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id/articles',
    summary: 'The conversation, oldest first, with attachments',
    description:
      'Includes the conversations of tickets merged into this one, marked with `fromTicket`. Customers see replies ' +
      'only, never internal notes.',
    tag: 'Conversation',
    access: 'authenticated',
    params: { id: 'ticket' },
    response: ArticleList,
    handler: ({ ctx, params }) => listArticles({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/replies',
    summary: 'Reply to the ticket (visible to the customer)',
    description:
      'A customer’s reply moves a ticket awaiting them back to open, and reopens a resolved ticket or one closed ' +
      'within the reopen window; a ticket closed longer ago answers 409 (use /reopen for a follow-up). Agents may ' +
      'move the ticket along an allowed transition with `status`, and record a phone conversation with `viaPhone`. ' +
      'The first agent reply is the first response.',
    tag: 'Conversation',
    access: 'authenticated',
    params: { id: 'ticket' },
    body: CreateArticleInput,
    example: { body: 'The screenshot you asked for.', attachmentIds: ['$attachment'] },
    response: Article,
    status: 201,
    handler: ({ ctx, params, body }) => replyToTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/notes',
    summary: 'Add an internal note (agents; never shown to customers)',
    tag: 'Conversation',
    access: 'agent',
    params: { id: 'ticket' },
    body: CreateNoteInput,
    example: { body: 'Checked the mail logs: greylisting.' },
    response: Article,
    status: 201,
    handler: ({ ctx, params, body }) => addTicketNote({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/status',
    summary: 'Move the ticket to another status along an allowed transition',
    description:
      'Transitions not configured answer 409; a closed ticket comes back only by /reopen. Resolving and closing ' +
      'stamp resolvedAt and closedAt. The optional comment is stored as an internal note.',
    tag: 'Lifecycle',
    access: 'agent',
    params: { id: 'ticket' },
    body: ChangeStatusInput,
    example: { status: 'in_progress', comment: 'Picked up.' },
    response: Ticket,
    handler: ({ ctx, params, body }) => changeTicketStatus({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/confirm',
    summary: 'Confirm a resolved ticket is solved: it closes',
    description: 'By the customer, or by an agent on their behalf. Only a resolved ticket; 409 otherwise.',
    tag: 'Lifecycle',
    access: 'authenticated',
    params: { id: 'ticket' },
    body: ConfirmInput,
    example: { comment: 'Works again, thanks.' },
    response: Ticket,
    handler: ({ ctx, params, body }) => confirmTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/reopen',
    summary: 'Reopen a resolved or recently closed ticket, or open a follow-up',
    description:
      'A resolved ticket, or one closed within the reopen window, goes back to open (`outcome: reopened`). ' +
      'After the window a new ticket is opened, linked `follow_up_of` the old one (`outcome: follow_up`). ' +
      'Tickets that are still open answer 409.',
    tag: 'Lifecycle',
    access: 'authenticated',
    params: { id: 'ticket' },
    body: ReopenInput,
    example: { reason: 'It happened again this morning.' },
    response: ReopenResult,
    handler: ({ ctx, params, body }) => reopenTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/assign',
    summary: 'Assign the ticket to a group and/or an agent (null unassigns)',
    description:
      'The assignee must be an active agent and a member of the ticket’s group. The new assignee is notified.',
    tag: 'Lifecycle',
    access: 'agent',
    params: { id: 'ticket' },
    body: AssignInput,
    example: { groupId: '$group' },
    response: Ticket,
    handler: ({ ctx, params, body }) => assignTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id/links',
    summary: 'Links to other tickets, seen from this one',
    description: 'Customers see only links to tickets they may open themselves.',
    tag: 'Links',
    access: 'authenticated',
    params: { id: 'ticket' },
    response: TicketLinkList,
    handler: ({ ctx, params }) => listTicketLinks({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/links',
    summary: 'Link the ticket to another',
    description:
      '`fixed_by`: this incident is fixed by the other ticket, a change request (category `change`). `child_of` is ' +
      'stored as `parent_of` from the other side. No self links, no parent cycles (409); duplicates answer 409.',
    tag: 'Links',
    access: 'agent',
    params: { id: 'ticket' },
    body: CreateLinkInput,
    example: { kind: 'related', ticket: '$ticket' },
    response: TicketLink,
    status: 201,
    handler: ({ ctx, params, body }) => linkTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/tickets/:id/links/:linkId',
    summary: 'Remove a link (not merge or follow-up links, which are history)',
    tag: 'Links',
    access: 'agent',
    params: { id: 'ticket', linkId: 'link' },
    status: 204,
    handler: ({ ctx, params }) => unlinkTicket({ ctx, id: params.id!, linkId: params.linkId! }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/merge',
    summary: 'Merge this ticket (a duplicate) into another; answers the surviving ticket',
    description:
      'The duplicate closes and points at the survivor, whose conversation then includes the duplicate’s. ' +
      'Only within one organisation, not into itself or into a ticket that was merged or is closed.',
    tag: 'Links',
    access: 'agent',
    params: { id: 'ticket' },
    body: MergeInput,
    example: { into: '$ticket' },
    response: Ticket,
    handler: ({ ctx, params, body }) => mergeTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id/history',
    summary: 'What happened to the ticket and who did it, oldest first',
    description: 'Customers do not see internal events (notes, time, assignments, links).',
    tag: 'Tickets',
    access: 'authenticated',
    params: { id: 'ticket' },
    response: TicketHistory,
    handler: ({ ctx, params }) => getTicketHistory({ ctx, id: params.id! }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id/sla',
    summary:
      'Every SLA clock of the ticket explained: segments, pauses with reasons, minutes used and left, due instants',
    description:
      "Computed from the ticket's history under the contract version in force when it was opened and the ticket's " +
      "current priority: a change of priority replays every clock from the ticket's start. `contract` is null and " +
      '`clocks` empty when the organisation has no contract. Customers see the same clocks for tickets they may see.',
    tag: 'SLA',
    access: 'authenticated',
    params: { id: 'ticket' },
    response: TicketSla,
    handler: ({ ctx, params }) => explainTicketSla({ ctx, id: params.id! }),
  }),
  route({
    method: 'GET',
    url: '/tickets/:id/time-entries',
    summary: 'Time logged on the ticket, with total and billable minutes',
    tag: 'Time',
    access: 'agent',
    params: { id: 'ticket' },
    response: TimeEntryList,
    handler: ({ ctx, params }) => listTimeEntries({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/time-entries',
    summary: 'Log time worked on the ticket',
    description: 'Non-billable time names its reason, e.g. `own_defect` for work on our own bugs.',
    tag: 'Time',
    access: 'agent',
    params: { id: 'ticket' },
    body: CreateTimeEntryInput,
    example: { minutes: 30, workType: 'remote', isBillable: true },
    response: TimeEntry,
    status: 201,
    handler: ({ ctx, params, body }) => logTime({ ctx, id: params.id!, input: body }),
  }),
];
