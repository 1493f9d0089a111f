import type { RouteDef } from './route.ts';
import { authRoutes } from './routes/auth.ts';
import { systemRoutes } from './routes/system.ts';
import { ticketRoutes } from './routes/tickets.ts';

/** Every API route. Registration, the OpenAPI document and the isolation tests are all generated from this list. */
export const ROUTES: readonly RouteDef[] = [...systemRoutes, ...authRoutes, ...ticketRoutes];
