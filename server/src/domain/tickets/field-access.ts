import type { Role, UpdateTicketInput } from '@loket/contract';

/** Every write names the fields each role may set; customers may fix their subject and propose urgency and impact. */
export const TICKET_UPDATE_FIELDS: Record<Role, ReadonlySet<keyof UpdateTicketInput>> = {
  admin: new Set([
    'subject',
    'category',
    'urgency',
    'impact',
    'priority',
    'priorityReason',
    'estimateMinutes',
    'requesterId',
  ]),
  agent: new Set([
    'subject',
    'category',
    'urgency',
    'impact',
    'priority',
    'priorityReason',
    'estimateMinutes',
    'requesterId',
  ]),
  manager: new Set(['subject', 'urgency', 'impact']),
  contact: new Set(['subject', 'urgency', 'impact']),
};

export function disallowedTicketFields(role: Role, input: UpdateTicketInput): string[] {
  const allowed = TICKET_UPDATE_FIELDS[role];
  return Object.keys(input).filter((k) => !allowed.has(k as keyof UpdateTicketInput));
}
