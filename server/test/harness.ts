import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fileBlobStore } from '../src/adapters/blob-store.ts';
import { smtpMailTransport } from '../src/adapters/mail-transport.ts';
import { loadSecretKey, secretBox } from '../src/adapters/secret-box.ts';
import { type Boss, bossQueue, createBoss } from '../src/adapters/queue.ts';
import { ticketFeed } from '../src/adapters/ticket-feed.ts';
import { parseConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { buildApp } from '../src/http/app.ts';
import { HANDLERS } from '../src/jobs/workers.ts';
import type { PersonActor, ServiceContext, ServiceDeps } from '../src/services/context.ts';
import { JOBS, type JobName } from '../src/services/queue-catalog.ts';
import { createTestDb } from './create-test-db.ts';
import { type FakeClock, fakeClock } from './fake-clock.ts';
import { pino } from 'pino';

export type Harness = {
  database: Database;
  deps: ServiceDeps;
  clock: FakeClock;
  boss: Boss;
  app: FastifyInstance;
  /** A service context acting as this person. */
  as(person: { id: string; role: PersonActor['role']; organisationId: string; name?: string }): ServiceContext;
  /** Runs every queued job now, as a worker would; returns how many ran. */
  runJobs(): Promise<number>;
  close(): Promise<void>;
};

/** Everything one test file needs: its own database, a fake clock, the real job queue (no workers), the HTTP app. */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const database = await createTestDb();
  const clock = fakeClock();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-data-'));
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const boss = createBoss(database, { runWorkers: false });
  boss.on('error', () => undefined); // dropping the test database ends its connections; that is expected
  await boss.start();
  const deps: ServiceDeps = {
    db: database.db,
    clock,
    config,
    queue: bossQueue(boss),
    blobs: fileBlobStore(path.join(dataDir, 'attachments')),
    mailer: smtpMailTransport(config.smtpUrl),
    feed: ticketFeed(database),
    secrets: secretBox(await loadSecretKey(config)),
  };
  const app = await buildApp({ deps });
  const log = pino({ level: 'silent' });
  return {
    database,
    deps,
    clock,
    boss,
    app,
    as: (person) => ({
      ...deps,
      actor: {
        kind: 'person',
        via: 'session',
        personId: person.id,
        role: person.role,
        organisationId: person.organisationId,
        name: person.name ?? 'Test',
      },
    }),
    async runJobs() {
      let ran = 0;
      for (let round = 0; round < 10; round++) {
        let ranThisRound = 0;
        for (const name of Object.keys(JOBS) as JobName[]) {
          const jobs = await boss.fetch<object>(name, { batchSize: 100 });
          for (const job of jobs) {
            await HANDLERS[name](deps, JOBS[name].parse(job.data) as never, log);
            await boss.complete(name, job.id);
            ranThisRound++;
          }
        }
        ran += ranThisRound;
        if (ranThisRound === 0) break;
      }
      return ran;
    },
    async close() {
      await app.close();
      await deps.feed.close();
      await boss.stop({ graceful: false, close: database.kind === 'postgres' });
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
