import {
  CreateMonitorInput,
  HeartbeatAnswer,
  HeartbeatQuery,
  Monitor,
  MonitorDetail,
  MonitorList,
  UpdateMonitorInput,
} from '@loket/contract';
import { createMonitor } from '../../services/monitoring/create-monitor.ts';
import { deleteMonitor } from '../../services/monitoring/delete-monitor.ts';
import { getMonitor } from '../../services/monitoring/get-monitor.ts';
import { listMonitors } from '../../services/monitoring/list-monitors.ts';
import { pauseMonitor } from '../../services/monitoring/pause-monitor.ts';
import { recordHeartbeat } from '../../services/monitoring/record-heartbeat.ts';
import { resumeMonitor } from '../../services/monitoring/resume-monitor.ts';
import { updateMonitor } from '../../services/monitoring/update-monitor.ts';
import { route } from '../route.ts';

const heartbeat = (method: 'GET' | 'POST') =>
  route({
    method,
    url: '/heartbeats/:secret',
    summary: `Report that a job ran (${method})`,
    description:
      'Public: the secret in the URL is the authorization. `?status=fail` reports a failure. Silence longer than the ' +
      "monitor's period is a failure too. Unknown secrets answer 404.",
    tag: 'Monitoring',
    access: 'public',
    params: { secret: 'heartbeatSecret' },
    query: HeartbeatQuery,
    response: HeartbeatAnswer,
    handler: ({ ctx, params, query }) => recordHeartbeat(ctx, { secret: params.secret!, query }),
  });

export const monitorRoutes = [
  route({
    method: 'GET',
    url: '/monitors',
    summary: 'Every monitor with its state and uptime',
    tag: 'Monitoring',
    access: 'agent',
    response: MonitorList,
    handler: ({ ctx }) => listMonitors({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/monitors/:id',
    summary: 'One monitor with its recent checks and uptime (24 hours, 30 days)',
    tag: 'Monitoring',
    access: 'agent',
    params: { id: 'monitor' },
    response: MonitorDetail,
    handler: ({ ctx, params }) => getMonitor({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/monitors',
    summary: 'Create a monitor',
    description:
      'Kinds: http (URL; status codes, keyword, JSON path value, response time limit), tcp (host:port), dns (host ' +
      'name; record type and expected value), tls (host:port; days before expiry) and heartbeat (no target; a secret ' +
      'URL returned once, `heartbeatPeriodSeconds`). Internal addresses are allowed: only admins create monitors.',
    tag: 'Monitoring',
    access: 'admin',
    body: CreateMonitorInput,
    example: {
      name: 'Website',
      kind: 'http',
      target: 'https://www.example.com/health',
      intervalSeconds: 60,
      failuresBeforeDown: 3,
      successesBeforeUp: 2,
      settings: { keyword: 'ok' },
    },
    response: Monitor,
    status: 201,
    handler: ({ ctx, body }) => createMonitor({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/monitors/:id',
    summary: 'Change a monitor',
    tag: 'Monitoring',
    access: 'admin',
    params: { id: 'monitor' },
    body: UpdateMonitorInput,
    example: { intervalSeconds: 30, failuresBeforeDown: 2 },
    response: Monitor,
    handler: ({ ctx, params, body }) => updateMonitor({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/monitors/:id',
    summary: 'Delete a monitor with its results (an open incident ticket stays)',
    tag: 'Monitoring',
    access: 'admin',
    params: { id: 'monitor' },
    status: 204,
    handler: ({ ctx, params }) => deleteMonitor({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/monitors/:id/pause',
    summary: 'Pause a monitor: no checks until resumed',
    tag: 'Monitoring',
    access: 'admin',
    params: { id: 'monitor' },
    response: Monitor,
    handler: ({ ctx, params }) => pauseMonitor({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/monitors/:id/resume',
    summary: 'Resume a paused monitor',
    tag: 'Monitoring',
    access: 'admin',
    params: { id: 'monitor' },
    response: Monitor,
    handler: ({ ctx, params }) => resumeMonitor({ ctx, id: params.id! }),
  }),
  heartbeat('POST'),
  heartbeat('GET'),
];
