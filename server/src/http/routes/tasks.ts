import { TicketTask, TicketTaskList } from '@loket/contract';
import { completeTicketTask } from '../../services/tickets/complete-ticket-task.ts';
import { listTicketTasks } from '../../services/tickets/list-ticket-tasks.ts';
import { route } from '../route.ts';

export const taskRoutes = [
  route({
    method: 'GET',
    url: '/tickets/:id/tasks',
    summary: 'Tasks on the ticket, done or not (e.g. call the customer once the effort threshold is reached)',
    tag: 'Tasks',
    access: 'agent',
    params: { id: 'ticket' },
    response: TicketTaskList,
    handler: ({ ctx, params }) => listTicketTasks({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/tickets/:id/tasks/:taskId/complete',
    summary: 'Mark a task on the ticket done',
    description: 'Idempotent: a task already done is returned unchanged, with who did it and when.',
    tag: 'Tasks',
    access: 'agent',
    params: { id: 'ticket', taskId: 'task' },
    response: TicketTask,
    handler: ({ ctx, params }) => completeTicketTask({ ctx, id: params.id!, taskId: params.taskId! }),
  }),
];
