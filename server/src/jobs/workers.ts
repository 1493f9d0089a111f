import type { Logger } from 'pino';
import type { Boss } from '../adapters/queue.ts';
import type { ServiceDeps } from '../services/context.ts';
import { JOBS, type JobName } from '../services/queue-catalog.ts';
import { notifyOnTicketEvent } from '../services/notifications/notify-on-ticket-event.ts';
import { purgeExpired } from '../services/system/purge-expired.ts';

type Handler = (deps: ServiceDeps, input: never, log: Logger) => Promise<unknown>;

/** Each job calls one service; the transport stays thin. */
export const HANDLERS: Record<JobName, Handler> = {
  'ticket.notify': (deps, input: { eventId: number }) => notifyOnTicketEvent(deps, input),
  'maintenance.purge': (deps) => purgeExpired(deps),
};

/** Queues exist before anything is sent to them; every process that sends calls this at start. */
export async function createQueues(boss: Boss): Promise<void> {
  for (const name of Object.keys(JOBS) as JobName[]) {
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
  }
}

/** Starts the workers and the schedules. Jobs come in batches: one fetch, many handled. */
export async function startWorkers(boss: Boss, deps: ServiceDeps, log: Logger): Promise<void> {
  for (const name of Object.keys(JOBS) as JobName[]) {
    await boss.work(name, { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) {
        const input = JOBS[name].parse(job.data);
        await HANDLERS[name](deps, input as never, log);
      }
    });
  }
  await boss.schedule('maintenance.purge', '17 * * * *', {});
}
