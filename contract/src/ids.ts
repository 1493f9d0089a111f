import { z } from 'zod';

// Branded ids: a TicketId cannot be passed where a PersonId is expected, yet both are plain UUID strings on the wire.
const id = <B extends string>(_brand: B) => z.uuid().brand<B>();

export const TicketId = id('TicketId');
export type TicketId = z.infer<typeof TicketId>;
export const OrganisationId = id('OrganisationId');
export type OrganisationId = z.infer<typeof OrganisationId>;
export const PersonId = id('PersonId');
export type PersonId = z.infer<typeof PersonId>;
export const GroupId = id('GroupId');
export type GroupId = z.infer<typeof GroupId>;
export const CategoryId = id('CategoryId');
export type CategoryId = z.infer<typeof CategoryId>;
export const StatusId = id('StatusId');
export type StatusId = z.infer<typeof StatusId>;
export const ArticleId = id('ArticleId');
export type ArticleId = z.infer<typeof ArticleId>;
export const AttachmentId = id('AttachmentId');
export type AttachmentId = z.infer<typeof AttachmentId>;
export const LinkId = id('LinkId');
export type LinkId = z.infer<typeof LinkId>;
export const TimeEntryId = id('TimeEntryId');
export type TimeEntryId = z.infer<typeof TimeEntryId>;
export const ApiTokenId = id('ApiTokenId');
export type ApiTokenId = z.infer<typeof ApiTokenId>;
export const NotificationId = id('NotificationId');
export type NotificationId = z.infer<typeof NotificationId>;
export const CalendarId = id('CalendarId');
export type CalendarId = z.infer<typeof CalendarId>;
export const ContractId = id('ContractId');
export type ContractId = z.infer<typeof ContractId>;
export const ContractVersionId = id('ContractVersionId');
export type ContractVersionId = z.infer<typeof ContractVersionId>;
export const TicketTaskId = id('TicketTaskId');
export type TicketTaskId = z.infer<typeof TicketTaskId>;
