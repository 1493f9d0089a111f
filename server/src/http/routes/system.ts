import { z } from 'zod';
import { checkHealth } from '../../services/system/check-health.ts';
import { route } from '../route.ts';

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/health',
    summary: 'Health check: 200 {"status":"ok"} when the server and its database answer',
    tag: 'System',
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
    handler: ({ ctx }) => checkHealth({ ctx }),
  }),
];
