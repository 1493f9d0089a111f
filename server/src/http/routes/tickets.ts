import { CreateTicketInput, ListTicketsQuery, Page, Ticket } from '@loket/contract';
import { createTicket } from '../../services/tickets/create-ticket.ts';
import { getTicket } from '../../services/tickets/get-ticket.ts';
import { listTickets } from '../../services/tickets/list-tickets.ts';
import { route } from '../route.ts';

export const ticketRoutes = [
  route({
    method: 'GET',
    url: '/tickets',
    summary: 'List tickets you may see, filtered and sorted, with cursor pagination',
    tag: 'Tickets',
    access: 'authenticated',
    query: ListTicketsQuery,
    response: Page(Ticket),
    handler: ({ ctx, query }) => listTickets({ ctx, query }),
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
];
