import { z } from 'zod';
import { Instant } from './common.ts';
import { Level, Priority } from './enums.ts';
import { IncidentImpact, IncidentStatus, MaintenanceStatus, ComponentState } from './status.ts';

/**
 * What a customer may know of their own organisation's agreement, for the portal's new-ticket form: how urgency and
 * impact map to a priority, and the targets per priority in business minutes on the contract's calendar. Without a
 * contract in force: the desk's default matrix and no targets.
 */
export const ServiceTerms = z.object({
  /** The zone of the contract's business hours; null without a contract in force. */
  contract: z.object({ timeZone: z.string() }).nullable(),
  matrix: z.array(z.object({ urgency: Level, impact: Level, priority: Priority })),
  targets: z
    .record(Priority, z.object({ firstResponseMinutes: z.number().int(), resolutionMinutes: z.number().int() }))
    .nullable(),
});
export type ServiceTerms = z.infer<typeof ServiceTerms>;

/**
 * The status page as the logged-in person may see it (the components of their organisation's contracts and the
 * public ones), for the portal: current states, unresolved incidents, maintenance not yet completed.
 */
export const PortalStatus = z.object({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  updatedAt: Instant,
  components: z.array(
    z.object({ id: z.string(), name: z.string(), group: z.string().nullable(), state: ComponentState }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      impact: IncidentImpact,
      status: IncidentStatus,
      startedAt: Instant,
      components: z.array(z.string()),
      updates: z.array(z.object({ status: IncidentStatus, body: z.string(), createdAt: Instant })),
    }),
  ),
  maintenances: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      body: z.string(),
      status: MaintenanceStatus,
      scheduledFor: Instant,
      scheduledUntil: Instant,
      components: z.array(z.string()),
    }),
  ),
});
export type PortalStatus = z.infer<typeof PortalStatus>;
