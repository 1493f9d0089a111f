import { z } from 'zod';

export const Language = z.enum(['en', 'nl', 'sv']);
export type Language = z.infer<typeof Language>;

/** admin and agent work for the provider; manager and contact belong to a customer organisation. */
export const Role = z.enum(['admin', 'agent', 'manager', 'contact']);
export type Role = z.infer<typeof Role>;
export const AGENT_ROLES: readonly Role[] = ['admin', 'agent'];
export const isAgentRole = (role: Role): boolean => role === 'admin' || role === 'agent';

export const OrganisationKind = z.enum(['provider', 'customer', 'unmatched']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Kinds, not names, drive SLA pauses, auto-close and reports (ENGINEERING.md §3). */
export const StatusKind = z.enum([
  'new',
  'open',
  'waiting_customer',
  'waiting_provider',
  'scheduled',
  'resolved',
  'closed',
]);
export type StatusKind = z.infer<typeof StatusKind>;
export const OPEN_STATUS_KINDS: readonly StatusKind[] = [
  'new',
  'open',
  'waiting_customer',
  'waiting_provider',
  'scheduled',
];

export const Level = z.enum(['high', 'normal', 'low']);
export type Level = z.infer<typeof Level>;
export const Priority = z.enum(['P1', 'P2', 'P3', 'P4']);
export type Priority = z.infer<typeof Priority>;

export const Channel = z.enum(['email', 'portal', 'phone', 'api', 'monitoring']);
export type Channel = z.infer<typeof Channel>;

export const ArticleKind = z.enum(['reply', 'note']);
export type ArticleKind = z.infer<typeof ArticleKind>;

/**
 * fixed_by: the source (an incident) is fixed by the target (a change request).
 * parent_of: the source is the parent of the target.
 * merged_into: the source (a duplicate) was merged into the target.
 * follow_up_of: the source was opened as a follow-up of the target (a ticket closed too long ago to reopen).
 * related: a plain reference.
 */
export const LinkKind = z.enum(['fixed_by', 'parent_of', 'merged_into', 'follow_up_of', 'related']);
export type LinkKind = z.infer<typeof LinkKind>;

export const WorkType = z.enum(['remote', 'on_site', 'phone', 'travel', 'development', 'consultancy', 'other']);
export type WorkType = z.infer<typeof WorkType>;

export const NonBillableReason = z.enum([
  'own_defect',
  'goodwill',
  'warranty',
  'internal',
  'included_in_contract',
  'other',
]);
export type NonBillableReason = z.infer<typeof NonBillableReason>;
