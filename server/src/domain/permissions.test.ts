import { describe, expect, it } from 'vitest';
import { PERMISSIONS, roleCan } from './permissions.ts';

describe('role permissions', () => {
  it('gives admins everything', () => {
    expect(PERMISSIONS.every((p) => roleCan('admin', p))).toBe(true);
  });
  it('keeps administration from agents', () => {
    for (const p of [
      'organisation:write',
      'person:write',
      'group:write',
      'reference:write',
      'settings:write',
      'calendar:write',
      'contract:write',
    ] as const) {
      expect(roleCan('agent', p)).toBe(false);
    }
    expect(roleCan('agent', 'ticket:merge')).toBe(true);
    expect(roleCan('agent', 'contract:read')).toBe(true);
  });
  it('keeps internal work from customers', () => {
    for (const role of ['manager', 'contact'] as const) {
      for (const p of [
        'ticket:note',
        'ticket:assign',
        'ticket:merge',
        'ticket:link',
        'time:log',
        'time:read',
        'task:read',
        'task:complete',
        'calendar:read',
        'contract:read',
        'contract:write',
      ] as const) {
        expect(roleCan(role, p), `${role} ${p}`).toBe(false);
      }
    }
    expect(roleCan('manager', 'person:read')).toBe(true);
    expect(roleCan('contact', 'person:read')).toBe(false);
  });
});
