import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { navItemsFor } from '../ui/app-layout.tsx';
import { homePath, safeNext, ticketPath } from './session.tsx';

describe('session routing', () => {
  it('starts agents and admins in the console, customers in the portal', () => {
    expect(homePath({ role: 'admin' })).toBe('/agent/tickets');
    expect(homePath({ role: 'agent' })).toBe('/agent/tickets');
    expect(homePath({ role: 'manager' })).toBe('/portal');
    expect(homePath({ role: 'contact' })).toBe('/portal');
  });

  it('opens a ticket link on the side of whoever follows it', () => {
    expect(ticketPath({ role: 'agent' }, 'LK-26-00042')).toBe('/agent/tickets/LK-26-00042');
    expect(ticketPath({ role: 'admin' }, 'LK-26-00042')).toBe('/agent/tickets/LK-26-00042');
    expect(ticketPath({ role: 'contact' }, 'LK-26-00042')).toBe('/portal/tickets/LK-26-00042');
    expect(ticketPath({ role: 'manager' }, 'a/b')).toBe('/portal/tickets/a%2Fb');
  });

  it('shows administration to admins only', () => {
    // The navigation only looks its labels up: the key itself stands in for the text.
    const t = ((key: string) => key) as unknown as TFunction;
    // Each area adds its own entries; what matters is who gets which area.
    const paths = (role: 'admin' | 'agent' | 'contact' | 'manager') => navItemsFor({ role }, t).map((i) => i.to);
    expect(paths('admin')).toEqual(expect.arrayContaining(['/agent/tickets', '/admin/organisations']));
    expect(paths('agent')).toContain('/agent/tickets');
    expect(paths('agent').filter((p) => p.startsWith('/admin'))).toEqual([]);
    for (const role of ['contact', 'manager'] as const) {
      expect(paths(role)[0]).toBe('/portal');
      expect(paths(role).every((p) => p.startsWith('/portal'))).toBe(true);
    }
  });

  it('returns after login only to paths inside the app', () => {
    expect(safeNext('/agent/tickets/abc?x=1')).toBe('/agent/tickets/abc?x=1');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
