import type { ComponentType } from 'react';

/**
 * A route's page loaded when it is first visited (react-router's `lazy`), so each part of the app is its own chunk:
 * a customer's browser never downloads the console or the administration.
 */
export const lazyPage =
  <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) =>
  async (): Promise<{ Component: ComponentType }> => ({ Component: (await load())[name] as ComponentType });
