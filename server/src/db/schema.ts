export * from './schema/organisations.ts';
export * from './schema/people.ts';
export * from './schema/reference.ts';
export * from './schema/tickets.ts';
export * from './schema/sla.ts';
export * from './schema/mail.ts';
export * from './schema/monitoring.ts';
export * from './schema/status.ts';
