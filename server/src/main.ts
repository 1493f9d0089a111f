import path from 'node:path';
import { pino, type Logger } from 'pino';
import { serializeRequest } from './adapters/request-log.ts';
import { fileBlobStore } from './adapters/blob-store.ts';
import { systemClock } from './adapters/clock.ts';
import { smtpMailTransport } from './adapters/mail-transport.ts';
import { loadSecretKey, secretBox } from './adapters/secret-box.ts';
import { type Boss, bossQueue, createBoss } from './adapters/queue.ts';
import { startSmtpReceiver } from './adapters/smtp-receiver.ts';
import { ticketFeed } from './adapters/ticket-feed.ts';
import type { Config } from './config.ts';
import { type Database, migrateDatabase, openDatabase } from './db/client.ts';
import { buildApp } from './http/app.ts';
import { hasWebApp } from './http/web-app.ts';
import { createQueues, startWorkers } from './jobs/workers.ts';
import type { ServiceDeps } from './services/context.ts';
import { seedDemo } from './services/demo/seed-demo.ts';
import { findReceivingMailbox } from './services/mail/mailboxes/find-receiving-mailbox.ts';
import { receiveMessage } from './services/mail/receive-message.ts';
import { startImapWatchers } from './services/mail/watch-imap-mailboxes.ts';
import { sealStoredSecrets } from './services/system/stored-secrets.ts';

/** The built web app, beside the sources (`npm start` builds it first when it is missing or older than them). */
const WEB_DIR = path.resolve(import.meta.dirname, '../../web/dist');

export type Runtime = { deps: ServiceDeps; database: Database; boss: Boss; log: Logger; stop(): Promise<void> };

/** The process logger; request lines mask the secrets some URLs carry (heartbeat pings, status mail links). */
export const createLogger = (config: Config): Logger =>
  pino({ level: config.logLevel, base: undefined, serializers: { req: serializeRequest } });

/** The composition root: config → database → migrations → job queue → (demo data) → deps. */
export async function startRuntime(config: Config, options: { runWorkers: boolean; log?: Logger }): Promise<Runtime> {
  const log = options.log ?? createLogger(config);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
    poolSize: config.databasePoolSize,
    onIdleError: (error) => log.warn({ err: error }, 'idle database connection failed; the pool replaces it'),
  });
  await migrateDatabase(database);
  const boss = createBoss(database, { runWorkers: options.runWorkers });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  await createQueues(boss);
  const deps: ServiceDeps = {
    db: database.db,
    clock: systemClock,
    config,
    queue: bossQueue(boss),
    blobs: fileBlobStore(path.join(config.dataDir, 'attachments')),
    mailer: smtpMailTransport(config.smtpUrl),
    feed: ticketFeed(database, (error) => log.warn({ err: error }, 'ticket event feed failed; reconnecting')),
    secrets: secretBox(await loadSecretKey(config)),
  };
  // Secrets stored before they were sealed (an older Loket) are sealed now; each start finds none left to do.
  const sealed = await sealStoredSecrets(deps);
  if (sealed > 0) log.info({ sealed }, 'stored secrets sealed under the secret key');
  const seedDemoData = config.demoData === 'true' || (config.demoData === 'auto' && database.kind === 'pglite');
  if (seedDemoData) {
    const result = await seedDemo({ deps });
    if (result.created) log.info({ tickets: result.tickets }, 'demo data loaded');
  }
  if (options.runWorkers) await startWorkers(boss, deps, log);
  // IDLE connections to IMAP mailboxes live where the workers do: they only enqueue syncs for them.
  const imapWatchers = options.runWorkers ? startImapWatchers(deps, log) : undefined;
  return {
    deps,
    database,
    boss,
    log,
    async stop() {
      await imapWatchers?.stop();
      await deps.feed.close();
      await boss.stop({ graceful: true, timeout: 10_000, close: database.kind === 'postgres' });
      await database.close();
    },
  };
}

/** `loket serve`: HTTP and, unless RUN_JOBS=false, the background jobs, in one process. */
export async function serve(config: Config): Promise<() => Promise<void>> {
  const log = createLogger(config);
  const runtime = await startRuntime(config, { runWorkers: config.runJobs, log });
  const app = await buildApp({ deps: runtime.deps, logger: log, webDir: WEB_DIR });
  if (!hasWebApp(WEB_DIR))
    log.warn(`the web app is not built (${WEB_DIR}): run npm run build; / shows the API reference`);
  await app.listen({ port: config.port, host: config.host });
  // The SMTP receiver runs beside HTTP in `serve` (one port to relay to), never in `worker`: its messages are stored
  // and enqueued, and whichever process runs workers files them.
  const smtp = config.inboundSmtp
    ? await startSmtpReceiver({
        ...config.inboundSmtp,
        maxBytes: config.inboundMaxBytes,
        findMailbox: (address) => findReceivingMailbox(runtime.deps, address),
        receive: (input) => receiveMessage(runtime.deps, input),
        log,
      })
    : undefined;
  if (smtp) log.info({ port: smtp.port }, `SMTP receiver is listening on ${config.inboundSmtp!.host}:${smtp.port}`);
  log.info(
    { url: config.publicUrl, database: runtime.database.kind, jobs: config.runJobs },
    `Loket is listening on ${config.publicUrl} (API reference: ${config.publicUrl}/api/v1/docs)`,
  );
  return async () => {
    await smtp?.close();
    await app.close();
    await runtime.stop();
  };
}

/** `loket worker`: background jobs only, beside any number of `serve` processes on the same PostgreSQL. */
export async function work(config: Config): Promise<() => Promise<void>> {
  const log = createLogger(config);
  const runtime = await startRuntime(config, { runWorkers: true, log });
  log.info({ database: runtime.database.kind }, 'Loket worker is running');
  return () => runtime.stop();
}
