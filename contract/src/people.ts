import { z } from 'zod';
import { Email, Instant, Name, PageQuery } from './common.ts';
import { Language, Role } from './enums.ts';
import { OrganisationId, PersonId } from './ids.ts';

export const Person = z.object({
  id: PersonId,
  organisationId: OrganisationId,
  email: z.string(),
  name: z.string(),
  role: Role,
  language: Language.nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Person = z.infer<typeof Person>;

export const Password = z.string().min(10, 'at least 10 characters').max(1000);

export const CreatePersonInput = z.strictObject({
  email: Email,
  name: Name.optional(),
  role: Role,
  organisationId: OrganisationId.optional(),
  language: Language.optional(),
  phone: z.string().trim().max(50).optional(),
  password: Password.optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;

export const UpdatePersonInput = z.strictObject({
  name: Name.optional(),
  role: Role.optional(),
  language: Language.nullable().optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  isActive: z.boolean().optional(),
  password: Password.optional(),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

/** Register a contact from nothing but an e-mail address: the organisation follows from the domain. */
export const RegisterContactInput = z.strictObject({ email: Email, name: Name.optional() });
export type RegisterContactInput = z.infer<typeof RegisterContactInput>;

export const ListPeopleQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  organisationId: OrganisationId.optional(),
  role: Role.optional(),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuery>;

export const UpdateMeInput = z.strictObject({
  name: Name.optional(),
  language: Language.nullable().optional(),
  currentPassword: z.string().max(1000).optional(),
  newPassword: Password.optional(),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;
