import { z } from 'zod';
import { Email, Instant, Name } from './common.ts';
import { Language, OrganisationKind, Role } from './enums.ts';
import { ApiTokenId, OrganisationId, PersonId } from './ids.ts';

export const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(1000) });
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: PersonId,
  email: z.string(),
  name: z.string(),
  role: Role,
  language: Language,
  organisation: z.object({ id: OrganisationId, name: z.string(), kind: OrganisationKind }),
});
export type Me = z.infer<typeof Me>;

export const CreateApiTokenInput = z.strictObject({
  name: Name,
  expiresAt: Instant.optional(),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const ApiToken = z.object({
  id: ApiTokenId,
  name: z.string(),
  prefix: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** Returned once, at creation: the secret is never shown again (only its hash is stored). */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
