import { z } from 'zod';
import { Email, Instant, Name } from './common.ts';
import { ContractId, TicketId } from './ids.ts';

// Status page: components, incidents, maintenance and subscriptions. Ids are branded like the rest of the API.
const id = <B extends string>(_brand: B) => z.uuid().brand<B>();
export const ComponentId = id('ComponentId');
export type ComponentId = z.infer<typeof ComponentId>;
export const ComponentGroupId = id('ComponentGroupId');
export type ComponentGroupId = z.infer<typeof ComponentGroupId>;
export const IncidentId = id('IncidentId');
export type IncidentId = z.infer<typeof IncidentId>;
export const MaintenanceId = id('MaintenanceId');
export type MaintenanceId = z.infer<typeof MaintenanceId>;
export const SubscriptionId = id('SubscriptionId');
export type SubscriptionId = z.infer<typeof SubscriptionId>;

/** Statuspage's vocabulary, so the v2 JSON needs no translation. Ordered from best to worst (maintenance apart). */
export const COMPONENT_STATES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export const ComponentState = z.enum(COMPONENT_STATES);
export type ComponentState = z.infer<typeof ComponentState>;

export const IncidentImpact = z.enum(['none', 'minor', 'major', 'critical']);
export type IncidentImpact = z.infer<typeof IncidentImpact>;
export const IncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;
export const MaintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

const Text = z.string().trim().max(20_000);

export const ComponentGroup = z.object({
  id: ComponentGroupId,
  name: z.string(),
  position: z.number().int(),
  createdAt: Instant,
});
export type ComponentGroup = z.infer<typeof ComponentGroup>;
export const ComponentGroupList = z.object({ items: z.array(ComponentGroup) });
export type ComponentGroupList = z.infer<typeof ComponentGroupList>;
export const CreateComponentGroupInput = z.strictObject({ name: Name, position: z.number().int().min(0).optional() });
export type CreateComponentGroupInput = z.infer<typeof CreateComponentGroupInput>;
export const UpdateComponentGroupInput = z.strictObject({
  name: Name.optional(),
  position: z.number().int().min(0).optional(),
});
export type UpdateComponentGroupInput = z.infer<typeof UpdateComponentGroupInput>;

export const Component = z.object({
  id: ComponentId,
  name: z.string(),
  description: z.string().nullable(),
  groupId: ComponentGroupId.nullable(),
  group: z.string().nullable(),
  isPublic: z.boolean(),
  state: ComponentState,
  position: z.number().int(),
  contractIds: z.array(ContractId),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Component = z.infer<typeof Component>;
export const ComponentList = z.object({ items: z.array(Component) });
export type ComponentList = z.infer<typeof ComponentList>;

export const CreateComponentInput = z.strictObject({
  name: Name,
  /** A group by name: found, or created when there is none of that name. */
  group: Name.optional(),
  description: z.string().trim().max(2000).optional(),
  isPublic: z.boolean().default(true),
  position: z.number().int().min(0).optional(),
  state: ComponentState.default('operational'),
  contractIds: z.array(ContractId).max(500).default([]),
});
export type CreateComponentInput = z.infer<typeof CreateComponentInput>;
export const UpdateComponentInput = z.strictObject({
  name: Name.optional(),
  group: Name.nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  isPublic: z.boolean().optional(),
  position: z.number().int().min(0).optional(),
  state: ComponentState.optional(),
});
export type UpdateComponentInput = z.infer<typeof UpdateComponentInput>;
export const ComponentContractInput = z.strictObject({ contractId: ContractId });
export type ComponentContractInput = z.infer<typeof ComponentContractInput>;

export const ComponentStateChange = z.object({ componentId: ComponentId, state: ComponentState });
export type ComponentStateChange = z.infer<typeof ComponentStateChange>;

export const IncidentUpdate = z.object({
  id: z.uuid(),
  status: IncidentStatus,
  body: z.string(),
  componentStates: z.array(ComponentStateChange),
  createdAt: Instant,
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const Incident = z.object({
  id: IncidentId,
  name: z.string(),
  impact: IncidentImpact,
  status: IncidentStatus,
  isPublished: z.boolean(),
  postmortem: z.string().nullable(),
  componentIds: z.array(ComponentId),
  ticketIds: z.array(TicketId),
  startedAt: Instant,
  identifiedAt: Instant.nullable(),
  monitoringAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  updates: z.array(IncidentUpdate),
});
export type Incident = z.infer<typeof Incident>;
export const IncidentList = z.object({ items: z.array(Incident) });
export type IncidentList = z.infer<typeof IncidentList>;

export const CreateIncidentInput = z.strictObject({
  name: Name,
  impact: IncidentImpact.default('minor'),
  status: IncidentStatus.default('investigating'),
  body: Text.min(1),
  componentIds: z.array(ComponentId).max(200).default([]),
  /** The state the named components take now. */
  componentState: ComponentState.default('partial_outage'),
  publish: z.boolean().default(true),
  ticketIds: z.array(TicketId).max(200).default([]),
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentInput>;
export const UpdateIncidentInput = z.strictObject({
  name: Name.optional(),
  impact: IncidentImpact.optional(),
  publish: z.boolean().optional(),
  postmortem: Text.nullable().optional(),
  componentIds: z.array(ComponentId).max(200).optional(),
});
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInput>;
export const PostIncidentUpdateInput = z.strictObject({
  status: IncidentStatus,
  body: Text.min(1),
  componentStates: z.array(ComponentStateChange).max(200).default([]),
  /** Post the text as a public reply on every linked ticket. */
  postToTickets: z.boolean().default(false),
});
export type PostIncidentUpdateInput = z.infer<typeof PostIncidentUpdateInput>;
export const IncidentTicketInput = z.strictObject({ ticketId: TicketId });
export type IncidentTicketInput = z.infer<typeof IncidentTicketInput>;
export const ListIncidentsQuery = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export const MaintenanceUpdate = z.object({
  id: z.uuid(),
  status: MaintenanceStatus,
  body: z.string(),
  createdAt: Instant,
});
export type MaintenanceUpdate = z.infer<typeof MaintenanceUpdate>;
export const Maintenance = z.object({
  id: MaintenanceId,
  name: z.string(),
  body: z.string(),
  status: MaintenanceStatus,
  isPublished: z.boolean(),
  componentIds: z.array(ComponentId),
  scheduledFor: Instant,
  scheduledUntil: Instant,
  startedAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  updates: z.array(MaintenanceUpdate),
});
export type Maintenance = z.infer<typeof Maintenance>;
export const MaintenanceList = z.object({ items: z.array(Maintenance) });
export type MaintenanceList = z.infer<typeof MaintenanceList>;
export const CreateMaintenanceInput = z
  .strictObject({
    name: Name,
    body: Text.default(''),
    componentIds: z.array(ComponentId).max(200).default([]),
    scheduledFor: Instant,
    scheduledUntil: Instant,
    publish: z.boolean().default(true),
  })
  .refine((m) => Date.parse(m.scheduledUntil) > Date.parse(m.scheduledFor), {
    message: 'scheduledUntil must be after scheduledFor',
    path: ['scheduledUntil'],
  });
export type CreateMaintenanceInput = z.infer<typeof CreateMaintenanceInput>;
export const UpdateMaintenanceInput = z.strictObject({
  name: Name.optional(),
  body: Text.optional(),
  componentIds: z.array(ComponentId).max(200).optional(),
  scheduledFor: Instant.optional(),
  scheduledUntil: Instant.optional(),
  publish: z.boolean().optional(),
});
export type UpdateMaintenanceInput = z.infer<typeof UpdateMaintenanceInput>;
/** A step: in_progress puts its components under maintenance, completed restores them to operational. */
export const MaintenanceStepInput = z.strictObject({ status: MaintenanceStatus, body: Text.default('') });
export type MaintenanceStepInput = z.infer<typeof MaintenanceStepInput>;

export const SubscriptionKind = z.enum(['email', 'webhook']);
export type SubscriptionKind = z.infer<typeof SubscriptionKind>;
export const Subscription = z.object({
  id: SubscriptionId,
  kind: SubscriptionKind,
  email: z.string().nullable(),
  url: z.string().nullable(),
  componentIds: z.array(ComponentId),
  isConfirmed: z.boolean(),
  createdAt: Instant,
});
export type Subscription = z.infer<typeof Subscription>;
export const SubscriptionList = z.object({ items: z.array(Subscription) });
export type SubscriptionList = z.infer<typeof SubscriptionList>;
export const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => !new URL(u).username && !new URL(u).password, 'no credentials in the URL');
/** Public: an e-mail subscription (confirmed by a link mailed to it) or a webhook (signed with the secret returned). */
export const SubscribeInput = z.union([
  z.strictObject({
    email: Email,
    componentIds: z.array(ComponentId).max(200).default([]),
    language: z.enum(['en', 'nl', 'sv']).default('en'),
  }),
  z.strictObject({ url: WebhookUrl, componentIds: z.array(ComponentId).max(200).default([]) }),
]);
export type SubscribeInput = z.infer<typeof SubscribeInput>;
export const SubscribeResult = z.object({
  id: SubscriptionId,
  kind: SubscriptionKind,
  /** Webhooks only, shown once: the HMAC-SHA256 key of the `X-Loket-Signature` header. */
  secret: z.string().nullable(),
  /** Webhooks only, shown once: the token for DELETE /status/subscriptions/unsubscribe. */
  unsubscribeToken: z.string().nullable(),
});
export type SubscribeResult = z.infer<typeof SubscribeResult>;
export const TokenInput = z.strictObject({ token: z.string().min(10).max(200) });
export type TokenInput = z.infer<typeof TokenInput>;

export const StatusPageSettings = z.object({
  name: z.string(),
  /** Hosts (or IP addresses) webhooks may reach although they resolve to private or loopback addresses. */
  webhookAllowedHosts: z.array(z.string()),
  updatedAt: Instant,
});
export type StatusPageSettings = z.infer<typeof StatusPageSettings>;
export const UpdateStatusPageSettingsInput = z.strictObject({
  name: Name.optional(),
  webhookAllowedHosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.:[\]-]{1,253}$/),
    )
    .max(100)
    .optional(),
});
export type UpdateStatusPageSettingsInput = z.infer<typeof UpdateStatusPageSettingsInput>;
