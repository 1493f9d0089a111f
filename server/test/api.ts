import { loginCookie, makeWorld } from './factories.ts';
import type { Harness } from './harness.ts';

/** An id no object has: what a foreign object must look like, and what a missing one is. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One API request as the person whose session cookie is given. */
export const callApi = (h: Harness, cookie: string, method: Method, url: string, payload?: object) =>
  h.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

/** makeWorld, with the admin, the agent, manager A and contact A logged in: their session cookies. */
export async function makeLoggedInWorld(h: Harness) {
  const world = await makeWorld(h);
  return {
    world,
    admin: await loginCookie(h, world.admin.email),
    agent: await loginCookie(h, world.agent.email),
    managerA: await loginCookie(h, world.managerA.email),
    contactA: await loginCookie(h, world.contactA.email),
  };
}
