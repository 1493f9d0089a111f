import type { Logger } from 'pino';
import type { Boss, JobResult } from '../adapters/queue.ts';
import type { ServiceDeps } from '../services/context.ts';
import { JOBS, type JobName, RETRIES } from '../services/queue-catalog.ts';
import { processInboundMessage } from '../services/mail/process-inbound-message.ts';
import { sendOutboxMail, sendOutboxMails } from '../services/mail/send-outbox-mail.ts';
import { requestAllImapSyncs } from '../services/mail/mailboxes/list-imap-mailboxes.ts';
import { syncImapMailbox } from '../services/mail/sync-imap-mailbox.ts';
import { notifyOnTicketEvent } from '../services/notifications/notify-on-ticket-event.ts';
import { type ReplayScope, replayTicketClocks } from '../services/sla/replay-ticket-clocks.ts';
import { scheduleNextSweep, sweepSlaDeadlines } from '../services/sla/sweep-sla-deadlines.ts';
import { purgeExpired } from '../services/system/purge-expired.ts';
import { deliverStatusWebhook } from '../services/status/deliver-status-webhook.ts';
import { notifyStatusSubscribers } from '../services/status/notify-status-subscribers.ts';
import { rollUpMonitorChecks } from '../services/monitoring/roll-up-monitor-checks.ts';
import { type MonitorCheckJob, runMonitorChecks } from '../services/monitoring/run-monitor-checks.ts';
import { scheduleNextMonitorTick, tickMonitors } from '../services/monitoring/tick-monitors.ts';

type Handler = (deps: ServiceDeps, input: never, log: Logger) => Promise<unknown>;

/** Each job calls one service; the transport stays thin. */
export const HANDLERS: Record<JobName, Handler> = {
  'ticket.notify': (deps, input: { eventId: number }) => notifyOnTicketEvent(deps, input),
  'maintenance.purge': (deps) => purgeExpired(deps),
  'sla.sweep': async (deps, _input: object, log) => {
    try {
      return await sweepSlaDeadlines(deps, log);
    } finally {
      await scheduleNextSweep(deps);
    }
  },
  'sla.replay': (deps, input: ReplayScope & { after?: string }) => replayTicketClocks(deps, input),
  'mail.process': (deps, input: { inboundId: string }, log) => processInboundMessage(deps, input, log),
  'mail.send': (deps, input: { outboxId: string } | { outboxIds: string[] }, log) =>
    'outboxIds' in input ? sendOutboxMails(deps, input, log) : sendOutboxMail(deps, input, log),
  'mail.imap-sync': (deps, input: { mailboxId: string }, log) => syncImapMailbox(deps, input, log),
  'mail.imap-poll': (deps) => requestAllImapSyncs(deps),
  'status.notify': (deps, input: { incidentUpdateId: string } | { maintenanceUpdateId: string }, log) =>
    notifyStatusSubscribers(deps, input, log),
  'status.webhook': (deps, input: { deliveryId: string }) => deliverStatusWebhook(deps, input),
  'monitor.tick': async (deps) => {
    try {
      return await tickMonitors(deps);
    } finally {
      await scheduleNextMonitorTick(deps);
    }
  },
  'monitor.check': (deps, input: MonitorCheckJob, log) => runMonitorChecks(deps, input, log),
  'monitor.rollup': (deps) => rollUpMonitorChecks(deps),
};

/** Seconds without a heartbeat after which a running job counts as abandoned by a dead worker. */
export const HEARTBEAT_SECONDS = 15;

/**
 * Jobs that spend most of their time waiting on the database or a mail server run several at a time in each process;
 * the rest one after another. Handlers are idempotent and lock their rows, so concurrency changes only the speed.
 */
const CONCURRENCY: Partial<Record<JobName, number>> = {
  'mail.process': 4,
  'mail.send': 4,
  'ticket.notify': 4,
  // Each check job already runs its 25 probes at once; a few jobs at a time keep ~100 checks in flight per process.
  'monitor.check': 4,
};

/** Queues that differ from the default: the sweep runs one at a time, with at most one more waiting. */
const QUEUE_POLICY: Partial<Record<JobName, 'stately'>> = {
  'sla.sweep': 'stately',
  // One sync running and one waiting per mailbox (singleton key = mailbox id), across all processes.
  'mail.imap-sync': 'stately',
  'monitor.tick': 'stately',
};

/** Queues exist before anything is sent to them; every process that sends calls this at start. */
export async function createQueues(boss: Boss): Promise<void> {
  for (const name of Object.keys(JOBS) as JobName[]) {
    const policy = QUEUE_POLICY[name];
    // A worker that dies (kill -9, a lost machine) stops its jobs' heartbeats; the supervisor of any live process
    // then hands them out again within about HEARTBEAT_SECONDS + its own interval, instead of at the expiry.
    const retry = {
      retryLimit: RETRIES[name].limit,
      retryDelay: RETRIES[name].delaySeconds,
      retryBackoff: true,
      heartbeatSeconds: HEARTBEAT_SECONDS,
    };
    await boss.createQueue(name, { ...retry, ...(policy ? { policy } : {}) });
    // A queue made by an older version keeps its policy, but takes the retry settings of this one.
    await boss.updateQueue(name, retry);
  }
}

/** Starts the workers and the schedules. Jobs come in batches: one fetch, many handled. */
export async function startWorkers(boss: Boss, deps: ServiceDeps, log: Logger): Promise<void> {
  for (const name of Object.keys(JOBS) as JobName[]) {
    const parallel = CONCURRENCY[name] ?? 1;
    // One fetch brings up to 20 jobs; `parallel` of them run at once; each is settled on its own, so a failing job
    // is retried alone and its neighbours in the batch are not run again. A full batch means a backlog: the next
    // fetch follows at once instead of after the polling interval (without that, a burst of mail was filed at 20
    // messages per half second, whatever the machine could do).
    await boss.work(
      name,
      { batchSize: 20, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true, perJobResults: true },
      async (jobs): Promise<JobResult[]> => {
        const results: JobResult[] = [];
        let next = 0;
        const lane = async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            try {
              await HANDLERS[name](deps, JOBS[name].parse(job.data) as never, log);
              results.push({ id: job.id, status: 'completed' });
            } catch (error) {
              log.warn({ job: name, jobId: job.id, err: error }, 'job failed; the queue retries it');
              results.push({ id: job.id, status: 'failed', output: { message: String(error) } });
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, lane));
        return results;
      },
    );
  }
  await boss.schedule('maintenance.purge', '17 * * * *', {});
  // The sweep chain starts now (catching up on whatever came due while no worker ran) and is restarted every
  // minute should a run ever fail to enqueue the next.
  await boss.schedule('sla.sweep', '* * * * *', {});
  await boss.schedule('mail.imap-poll', '* * * * *', {});
  await scheduleNextSweep(deps, 0);
  // Monitoring: the tick chain like the SLA sweep (restarted every minute should it break), rollups every 5 minutes.
  await boss.schedule('monitor.tick', '* * * * *', {});
  await boss.schedule('monitor.rollup', '*/5 * * * *', {});
  await scheduleNextMonitorTick(deps, 0);
}
