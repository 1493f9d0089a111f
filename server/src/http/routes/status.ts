import {
  Component,
  ComponentContractInput,
  ComponentGroup,
  ComponentGroupList,
  ComponentList,
  CreateComponentGroupInput,
  CreateComponentInput,
  CreateIncidentInput,
  CreateMaintenanceInput,
  Incident,
  IncidentList,
  IncidentTicketInput,
  ListIncidentsQuery,
  Maintenance,
  MaintenanceList,
  MaintenanceStepInput,
  PostIncidentUpdateInput,
  StatusPageSettings,
  SubscribeInput,
  SubscribeResult,
  SubscriptionList,
  TokenInput,
  UpdateComponentGroupInput,
  UpdateComponentInput,
  UpdateIncidentInput,
  UpdateMaintenanceInput,
  UpdateStatusPageSettingsInput,
} from '@loket/contract';
import { z } from 'zod';
import { attachIncidentTicket } from '../../services/status/attach-incident-ticket.ts';
import { confirmSubscription } from '../../services/status/confirm-subscription.ts';
import { createComponent } from '../../services/status/create-component.ts';
import { createComponentGroup } from '../../services/status/create-component-group.ts';
import { createIncident } from '../../services/status/create-incident.ts';
import { createMaintenance } from '../../services/status/create-maintenance.ts';
import { deleteComponent } from '../../services/status/delete-component.ts';
import { deleteComponentGroup } from '../../services/status/delete-component-group.ts';
import { deleteMaintenance } from '../../services/status/delete-maintenance.ts';
import { deleteSubscription } from '../../services/status/delete-subscription.ts';
import { detachIncidentTicket } from '../../services/status/detach-incident-ticket.ts';
import { getComponent } from '../../services/status/get-component.ts';
import { getIncident } from '../../services/status/get-incident.ts';
import { getMaintenance } from '../../services/status/get-maintenance.ts';
import { getStatusPageSettings } from '../../services/status/get-status-page-settings.ts';
import { linkComponentContract } from '../../services/status/link-component-contract.ts';
import { listComponentGroups } from '../../services/status/list-component-groups.ts';
import { listComponents } from '../../services/status/list-components.ts';
import { listIncidents } from '../../services/status/list-incidents.ts';
import { listMaintenances } from '../../services/status/list-maintenances.ts';
import { listSubscriptions } from '../../services/status/list-subscriptions.ts';
import { postIncidentUpdate } from '../../services/status/post-incident-update.ts';
import { stepMaintenance } from '../../services/status/step-maintenance.ts';
import { subscribe } from '../../services/status/subscribe.ts';
import { unlinkComponentContract } from '../../services/status/unlink-component-contract.ts';
import { unsubscribe } from '../../services/status/unsubscribe.ts';
import { updateComponent } from '../../services/status/update-component.ts';
import { updateComponentGroup } from '../../services/status/update-component-group.ts';
import { updateIncident } from '../../services/status/update-incident.ts';
import { updateMaintenance } from '../../services/status/update-maintenance.ts';
import { updateStatusPageSettings } from '../../services/status/update-status-page-settings.ts';
import { route } from '../route.ts';

const TAG = 'Status page';
const WINDOW = { scheduledFor: '2030-01-01T22:00:00Z', scheduledUntil: '2030-01-02T00:00:00Z' };

export const statusRoutes = [
  route({
    method: 'GET',
    url: '/components',
    summary: 'Every status page component, public and private, by group and position',
    tag: TAG,
    access: 'agent',
    response: ComponentList,
    handler: ({ ctx }) => listComponents({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/components/:id',
    summary: 'One component',
    tag: TAG,
    access: 'agent',
    params: { id: 'component' },
    response: Component,
    handler: ({ ctx, params }) => getComponent({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/components',
    summary: 'Create a component',
    description:
      '`group` names a group, made when there is none of that name. A private component (`isPublic: false`) is ' +
      'shown only to the organisations of the contracts it is linked to (`contractIds`), on their own status page.',
    tag: TAG,
    access: 'agent',
    body: CreateComponentInput,
    example: { name: 'E-mail', group: 'Hosting', isPublic: true },
    response: Component,
    status: 201,
    handler: ({ ctx, body }) => createComponent({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/components/:id',
    summary: 'Change a component, or set its state',
    description: 'A new `state` closes the current state interval and opens the next (uptime is computed from them).',
    tag: TAG,
    access: 'agent',
    params: { id: 'component' },
    body: UpdateComponentInput,
    example: { state: 'degraded_performance' },
    response: Component,
    handler: ({ ctx, params, body }) => updateComponent({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/components/:id',
    summary: 'Delete a component with its history',
    tag: TAG,
    access: 'agent',
    params: { id: 'component' },
    status: 204,
    handler: ({ ctx, params }) => deleteComponent({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/components/:id/contracts',
    summary: "Link a contract: the component serves that contract's organisation",
    tag: TAG,
    access: 'agent',
    params: { id: 'component' },
    body: ComponentContractInput,
    example: { contractId: '$contract' },
    response: Component,
    handler: ({ ctx, params, body }) => linkComponentContract({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/components/:id/contracts/:contractId',
    summary: 'Unlink a contract from a component',
    tag: TAG,
    access: 'agent',
    params: { id: 'component', contractId: 'contract' },
    response: Component,
    handler: ({ ctx, params }) => unlinkComponentContract({ ctx, id: params.id!, contractId: params.contractId! }),
  }),
  route({
    method: 'GET',
    url: '/component-groups',
    summary: 'Component groups, by position',
    tag: TAG,
    access: 'agent',
    response: ComponentGroupList,
    handler: ({ ctx }) => listComponentGroups({ ctx }),
  }),
  route({
    method: 'POST',
    url: '/component-groups',
    summary: 'Create a component group (names are unique, 409)',
    tag: TAG,
    access: 'agent',
    body: CreateComponentGroupInput,
    example: { name: 'Network', position: 1 },
    response: ComponentGroup,
    status: 201,
    handler: ({ ctx, body }) => createComponentGroup({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/component-groups/:id',
    summary: 'Rename or move a component group',
    tag: TAG,
    access: 'agent',
    params: { id: 'componentGroup' },
    body: UpdateComponentGroupInput,
    example: { position: 2 },
    response: ComponentGroup,
    handler: ({ ctx, params, body }) => updateComponentGroup({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/component-groups/:id',
    summary: 'Delete a component group; its components stay, ungrouped',
    tag: TAG,
    access: 'agent',
    params: { id: 'componentGroup' },
    status: 204,
    handler: ({ ctx, params }) => deleteComponentGroup({ ctx, id: params.id! }),
  }),
  route({
    method: 'GET',
    url: '/incidents',
    summary: 'Status page incidents, drafts included, newest first',
    tag: TAG,
    access: 'agent',
    query: ListIncidentsQuery,
    response: IncidentList,
    handler: ({ ctx, query }) => listIncidents({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/incidents/:id',
    summary: 'One incident with its timeline',
    tag: TAG,
    access: 'agent',
    params: { id: 'incident' },
    response: Incident,
    handler: ({ ctx, params }) => getIncident({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/incidents',
    summary: 'Open an incident',
    description:
      'Its components take `componentState` now; `publish: false` keeps it a draft seen by agents only. Published ' +
      'incidents notify subscribers (mail and webhooks) from a job enqueued with the change.',
    tag: TAG,
    access: 'agent',
    body: CreateIncidentInput,
    example: { name: 'E-mail delays', impact: 'minor', body: 'We are investigating delays.' },
    response: Incident,
    status: 201,
    handler: ({ ctx, body }) => createIncident({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/incidents/:id',
    summary: 'Rename, change impact or components, publish a draft, or write the postmortem',
    tag: TAG,
    access: 'agent',
    params: { id: 'incident' },
    body: UpdateIncidentInput,
    example: { impact: 'major' },
    response: Incident,
    handler: ({ ctx, params, body }) => updateIncident({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'PUT',
    url: '/incidents/:id/postmortem',
    summary: "Set an incident's postmortem (null removes it)",
    tag: TAG,
    access: 'agent',
    params: { id: 'incident' },
    body: z.strictObject({ postmortem: z.string().trim().max(20_000).nullable() }),
    example: { postmortem: 'A full disk stopped the mail queue.' },
    response: Incident,
    handler: ({ ctx, params, body }) =>
      updateIncident({
        ctx,
        id: params.id!,
        input: { postmortem: (body as { postmortem: string | null }).postmortem },
      }),
  }),
  route({
    method: 'POST',
    url: '/incidents/:id/updates',
    summary: "Add an update to an incident's timeline",
    description:
      'Applies `componentStates`. Resolving without states restores its components to operational and tells the ' +
      "linked tickets' requesters. `postToTickets: true` also posts the text as a public reply on every linked " +
      'ticket. A resolved incident takes no updates (409).',
    tag: TAG,
    access: 'agent',
    params: { id: 'incident' },
    body: PostIncidentUpdateInput,
    example: { status: 'identified', body: 'A full disk; we are clearing it.' },
    response: Incident,
    status: 201,
    handler: ({ ctx, params, body }) => postIncidentUpdate({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/incidents/:id/tickets',
    summary: 'Attach a customer ticket to an incident',
    tag: TAG,
    access: 'agent',
    params: { id: 'incident' },
    body: IncidentTicketInput,
    example: { ticketId: '$ticket' },
    response: Incident,
    handler: ({ ctx, params, body }) => attachIncidentTicket({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/incidents/:id/tickets/:ticketId',
    summary: 'Detach a ticket from an incident',
    tag: TAG,
    access: 'agent',
    params: { id: 'incident', ticketId: 'ticket' },
    response: Incident,
    handler: ({ ctx, params }) => detachIncidentTicket({ ctx, id: params.id!, ticketId: params.ticketId! }),
  }),
  route({
    method: 'GET',
    url: '/maintenances',
    summary: 'Scheduled maintenance, latest window first',
    tag: TAG,
    access: 'agent',
    response: MaintenanceList,
    handler: ({ ctx }) => listMaintenances({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/maintenances/:id',
    summary: 'One maintenance with its updates',
    tag: TAG,
    access: 'agent',
    params: { id: 'maintenance' },
    response: Maintenance,
    handler: ({ ctx, params }) => getMaintenance({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/maintenances',
    summary: 'Schedule maintenance',
    tag: TAG,
    access: 'agent',
    body: CreateMaintenanceInput,
    example: { name: 'Mail server upgrade', ...WINDOW },
    response: Maintenance,
    status: 201,
    handler: ({ ctx, body }) => createMaintenance({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/maintenances/:id',
    summary: "Change a maintenance's text, window, components or visibility",
    tag: TAG,
    access: 'agent',
    params: { id: 'maintenance' },
    body: UpdateMaintenanceInput,
    example: { name: 'Mail server upgrade (moved)' },
    response: Maintenance,
    handler: ({ ctx, params, body }) => updateMaintenance({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'POST',
    url: '/maintenances/:id/steps',
    summary: 'Move maintenance forward: in_progress, verifying, completed',
    description:
      'In progress puts its components under maintenance (not counted in uptime); completed restores them to ' +
      'operational. Steps only go forward (409).',
    tag: TAG,
    access: 'agent',
    params: { id: 'maintenance' },
    body: MaintenanceStepInput,
    example: { status: 'in_progress', body: 'Started.' },
    response: Maintenance,
    handler: ({ ctx, params, body }) => stepMaintenance({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/maintenances/:id',
    summary: 'Cancel maintenance that has not started',
    tag: TAG,
    access: 'agent',
    params: { id: 'maintenance' },
    status: 204,
    handler: ({ ctx, params }) => deleteMaintenance({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/status/subscriptions',
    summary: 'Subscribe to status updates: e-mail (double opt-in) or a signed webhook',
    description:
      'E-mail: a confirmation link is mailed; nothing else is sent until it is followed. Webhook: the answer holds ' +
      'the signing secret and an unsubscribe token, once. Each call is POSTed with `X-Loket-Timestamp` and ' +
      '`X-Loket-Signature: sha256=HMAC(secret, timestamp + "." + body)`; targets that resolve to private, loopback ' +
      'or link-local addresses are refused unless an administrator allowed the host. Rate-limited: at most 5 requests ' +
      'an hour per e-mail address or URL and 30 per client address (429 `rate_limited`).',
    tag: TAG,
    access: 'public',
    body: SubscribeInput,
    example: { email: 'someone@example.com' },
    response: SubscribeResult,
    status: 201,
    handler: ({ ctx, body, request }) => subscribe({ ctx, input: body, clientIp: request.ip }),
  }),
  route({
    method: 'POST',
    url: '/status/subscriptions/confirm',
    summary: 'Confirm an e-mail subscription with the mailed token',
    tag: TAG,
    access: 'public',
    body: TokenInput,
    example: { token: 'confirm_0123456789' },
    response: z.object({ confirmed: z.literal(true) }),
    handler: ({ ctx, body }) => confirmSubscription({ ctx, input: body }),
  }),
  route({
    method: 'POST',
    url: '/status/subscriptions/unsubscribe',
    summary: 'Unsubscribe with the token of a mail or of a webhook',
    tag: TAG,
    access: 'public',
    body: TokenInput,
    example: { token: 'unsub_0123456789' },
    response: z.object({ unsubscribed: z.literal(true) }),
    handler: ({ ctx, body }) => unsubscribe({ ctx, input: body }),
  }),
  route({
    method: 'GET',
    url: '/status/subscriptions',
    summary: 'Every subscription (admins)',
    tag: TAG,
    access: 'admin',
    response: SubscriptionList,
    handler: ({ ctx }) => listSubscriptions({ ctx }),
  }),
  route({
    method: 'DELETE',
    url: '/status/subscriptions/:id',
    summary: 'Remove a subscription (admins)',
    tag: TAG,
    access: 'admin',
    params: { id: 'subscription' },
    status: 204,
    handler: ({ ctx, params }) => deleteSubscription({ ctx, id: params.id! }),
  }),
  route({
    method: 'GET',
    url: '/status/settings',
    summary: "The status page's name and webhook allow-list (admins)",
    tag: TAG,
    access: 'admin',
    response: StatusPageSettings,
    handler: ({ ctx }) => getStatusPageSettings({ ctx }),
  }),
  route({
    method: 'PATCH',
    url: '/status/settings',
    summary: 'Rename the status page, or set the hosts webhooks may reach although they are internal (admins)',
    tag: TAG,
    access: 'admin',
    body: UpdateStatusPageSettingsInput,
    example: { name: 'Service status' },
    response: StatusPageSettings,
    handler: ({ ctx, body }) => updateStatusPageSettings({ ctx, input: body }),
  }),
];
