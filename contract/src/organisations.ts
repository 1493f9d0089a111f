import { z } from 'zod';
import { Instant, Name, PageQuery } from './common.ts';
import { Language, OrganisationKind } from './enums.ts';
import { OrganisationId } from './ids.ts';

export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name such as example.com');

export const Organisation = z.object({
  id: OrganisationId,
  name: z.string(),
  kind: OrganisationKind,
  domains: z.array(z.string()),
  language: Language,
  isActive: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisationInput = z.strictObject({
  name: Name,
  domains: z.array(Domain).max(50).default([]),
  language: Language.default('en'),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

export const UpdateOrganisationInput = z.strictObject({
  name: Name.optional(),
  domains: z.array(Domain).max(50).optional(),
  language: Language.optional(),
  isActive: z.boolean().optional(),
});
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;

export const ListOrganisationsQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ListOrganisationsQuery = z.infer<typeof ListOrganisationsQuery>;
