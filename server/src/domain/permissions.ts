import type { Role } from '@loket/contract';

export const PERMISSIONS = [
  'ticket:create',
  'ticket:read',
  'ticket:update',
  'ticket:reply',
  'ticket:note',
  'ticket:assign',
  'ticket:status',
  'ticket:confirm',
  'ticket:reopen',
  'ticket:link',
  'ticket:merge',
  'ticket:history',
  'time:log',
  'time:read',
  'task:read',
  'task:complete',
  'attachment:upload',
  'organisation:read',
  'organisation:write',
  'person:read',
  'person:write',
  'person:register',
  'group:read',
  'group:write',
  'reference:read',
  'reference:write',
  'settings:write',
  'calendar:read',
  'calendar:write',
  'contract:read',
  'contract:write',
  'notification:read',
  'token:manage',
  'mailbox:manage',
  'inbound:manage',
  'outbox:read',
  'outbox:manage',
  'mail_template:write',
  'monitor:read',
  'monitor:write',
  'status:write',
  'status:settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CUSTOMER: Permission[] = [
  'ticket:create',
  'ticket:read',
  'ticket:update',
  'ticket:reply',
  'ticket:confirm',
  'ticket:reopen',
  'ticket:history',
  'attachment:upload',
  'organisation:read',
  'reference:read',
  'token:manage',
];

const AGENT: Permission[] = PERMISSIONS.filter(
  (p) =>
    ![
      'organisation:write',
      'person:write',
      'group:write',
      'reference:write',
      'settings:write',
      'calendar:write',
      'contract:write',
      'mailbox:manage',
      'inbound:manage',
      'outbox:read',
      'outbox:manage',
      'mail_template:write',
      'monitor:write',
      'status:settings',
    ].includes(p),
);

/** What each role may do. Which objects it may do it to is decided by the organisation-scoped queries. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  agent: new Set(AGENT),
  manager: new Set([...CUSTOMER, 'person:read']),
  contact: new Set(CUSTOMER),
};

export const roleCan = (role: Role, permission: Permission): boolean => ROLE_PERMISSIONS[role].has(permission);
