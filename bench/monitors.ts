/**
 * Monitoring benchmark (issue 6): "2,000 monitors every 60 s against local targets — worker CPU, check lag, rows
 * written per minute". On PostgreSQL (BENCH_DATABASE_URL, default the database loket_bench_monitors on the local
 * server, dropped and re-created) with one `loket worker` process, and on PGlite with one `loket serve` process (the
 * embedded database runs everything in one process) unless BENCH_SKIP_PGLITE=true:
 *
 *   1. a local HTTP target in this process (answers 200 "ok" to every path);
 *   2. migrates, inserts BENCH_MONITORS http monitors (keyword check) at BENCH_INTERVAL seconds, each at its slot
 *      (phaseFor, as create-monitor.ts does), first due within one interval;
 *   3. starts the process, waits BENCH_WARMUP seconds, then measures BENCH_WINDOW seconds: the process's CPU (and
 *      PostgreSQL's backends), checks recorded, the lag of each check (checked_at − scheduled_at, its slot), and the
 *      rows written per minute (check results, and pg-boss jobs);
 *   4. writes the section "## Monitoring" of docs/benchmarks.md (BENCH_WRITE_DOCS=false skips it).
 *
 *   npm run bench:monitors
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '../server/src/db/client.ts';
import { monitors } from '../server/src/db/schema.ts';
import { nextCheckAfter, phaseFor } from '../server/src/domain/monitoring/check-schedule.ts';
import {
  HOST,
  cpuDelta,
  describeMachine,
  envInteger,
  freePort,
  log,
  postgresBackends,
  processCpuMs,
  rawQuery,
  recreateDatabase,
  sleep,
  spawnLoket,
  stopServer,
  writeBenchmarkSection,
} from './common.ts';

const env = process.env;
const MONITORS = envInteger('BENCH_MONITORS', 2000, 50_000);
const INTERVAL = envInteger('BENCH_INTERVAL', 60, 3600);
const WARMUP = envInteger('BENCH_WARMUP', 75, 3600);
const WINDOW = envInteger('BENCH_WINDOW', 120, 3600);
const PG_URL = env.BENCH_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/loket_bench_monitors';

type Result = {
  target: string;
  process: string;
  checks: number;
  expected: number;
  failed: number;
  lag: { p50: number; p95: number; p99: number; max: number };
  cpuPercent: number;
  postgresCpuPercent: number | null;
  checkRowsPerMinute: number;
  jobRowsPerMinute: number | null;
  spreadMaxPerSecond: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

async function main() {
  const target = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  target.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const results: Result[] = [];
  results.push(await runTarget({ name: 'PostgreSQL', url: PG_URL }, targetUrl));
  if (env.BENCH_SKIP_PGLITE !== 'true') results.push(await runTarget({ name: 'PGlite' }, targetUrl));
  target.close();
  const report = await renderReport(results);
  console.log(`\n${report}`);
  if (env.BENCH_WRITE_DOCS !== 'false') {
    await writeBenchmarkSection(HEADING, report);
    console.log('docs/benchmarks.md updated');
  }
}

async function seed(database: Database, targetUrl: string) {
  await migrateDatabase(database);
  const now = new Date();
  const rows = Array.from({ length: MONITORS }, (_, i) => {
    const id = randomUUID();
    const phaseMs = phaseFor(id, INTERVAL);
    return {
      id,
      name: `Bench monitor ${i}`,
      kind: 'http' as const,
      target: `${targetUrl}/health/${i}`,
      settings: { keyword: 'ok' },
      intervalSeconds: INTERVAL,
      timeoutMs: 10_000,
      failuresBeforeDown: 3,
      successesBeforeUp: 1,
      phaseMs,
      urgency: 'high' as const,
      impact: 'high' as const,
      state: 'pending' as const,
      stateChangedAt: now,
      nextCheckAt: nextCheckAfter(now, INTERVAL, phaseMs),
      createdAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await database.db.insert(monitors).values(rows.slice(i, i + 500));
}

async function runTarget(t: { name: string; url?: string }, targetUrl: string): Promise<Result> {
  log(`${t.name}: ${MONITORS} monitors every ${INTERVAL} s`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-bench-monitors-'));
  if (t.url) await recreateDatabase(t.url);
  const setup = await openDatabase(t.url ? { url: t.url } : { dataDir: path.join(dataDir, 'pg') });
  await seed(setup, targetUrl);
  await setup.close();

  const command = t.url ? 'worker' : 'serve';
  const child = spawnLoket(
    command,
    {
      PORT: String(await freePort()),
      HOST,
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      RUN_JOBS: 'true',
      DATABASE_URL: t.url,
    },
    { label: t.name },
  );
  const pgCpu = t.url ? await postgresBackends(t.url) : null;
  try {
    await sleep(WARMUP * 1000);
    const windowStart = new Date();
    const cpuBefore = processCpuMs(child.pid!);
    const pgBefore = pgCpu ? await pgCpu.cpuMs() : null;
    await sleep(WINDOW * 1000);
    const windowEnd = new Date();
    const cpuMs = processCpuMs(child.pid!) - cpuBefore;
    const pgMs = pgCpu && pgBefore ? cpuDelta(pgBefore, await pgCpu.cpuMs()) : null;
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    // The checks due in the window's last seconds are still running: let them finish before counting.
    await sleep(15_000);
    await stopServer(child);
    const database = await openDatabase(t.url ? { url: t.url } : { dataDir: path.join(dataDir, 'pg') });
    try {
      const checks = await rawQuery(
        database,
        `SELECT ok, extract(epoch FROM checked_at - scheduled_at) * 1000 AS lag_ms,
           floor(extract(epoch FROM scheduled_at)) AS second
         FROM monitor_checks WHERE scheduled_at >= $1 AND scheduled_at < $2`,
        [windowStart.toISOString(), windowEnd.toISOString()],
      );
      const lags = checks.map((c) => Number(c.lag_ms)).sort((a, b) => a - b);
      const perSecond = new Map<number, number>();
      for (const c of checks) perSecond.set(Number(c.second), (perSecond.get(Number(c.second)) ?? 0) + 1);
      let jobRows: number | null = null;
      try {
        const [jobs] = await rawQuery(
          database,
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'monitor.%' AND created_on >= $1 AND created_on < $2`,
          [windowStart.toISOString(), windowEnd.toISOString()],
        );
        jobRows = Number(jobs!.n);
      } catch {
        jobRows = null; // pg-boss moved finished jobs elsewhere, or another schema: not counted
      }
      const minutes = WINDOW / 60;
      return {
        target: t.name,
        process: t.url ? '`loket worker` (one process)' : '`loket serve` (one process, embedded database)',
        checks: checks.length,
        expected: Math.round((MONITORS * WINDOW) / INTERVAL),
        failed: checks.filter((c) => c.ok === false).length,
        lag: {
          p50: percentile(lags, 50),
          p95: percentile(lags, 95),
          p99: percentile(lags, 99),
          max: lags.at(-1) ?? NaN,
        },
        cpuPercent: (cpuMs / (WINDOW * 1000)) * 100,
        postgresCpuPercent: pgMs === null ? null : (pgMs / (WINDOW * 1000)) * 100,
        checkRowsPerMinute: checks.length / minutes,
        jobRowsPerMinute: jobRows === null ? null : jobRows / minutes,
        spreadMaxPerSecond: Math.max(0, ...perSecond.values()),
      };
    } finally {
      await database.close();
    }
  } finally {
    await stopServer(child);
    await pgCpu?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '–');

async function renderReport(results: Result[]): Promise<string> {
  const m = await describeMachine();
  const out = [
    `Measured ${m.date} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PGlite ${m.pglite}. ` +
      `${MONITORS} HTTP monitors (keyword check) every ${INTERVAL} s against a local HTTP server in the bench process; ` +
      `${WARMUP} s warm-up, then a ${WINDOW} s window. Lag is checked_at − scheduled_at (the monitor's slot): tick ` +
      `interval, queue polling, the probe and the write. Rows: one monitor_checks row per check (plus two updates of ` +
      `the monitor row, not counted); jobs: \`monitor.check\` jobs of up to 25 checks and the \`monitor.tick\` chain.`,
    '',
    '| database | process | checks (expected) | failed | lag p50 / p95 / p99 / max | busiest second | process CPU | PostgreSQL CPU | check rows/min | job rows/min |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    out.push(
      `| ${r.target} | ${r.process} | ${r.checks} (${r.expected}) | ${r.failed} | ${ms(r.lag.p50)} / ${ms(r.lag.p95)} / ` +
        `${ms(r.lag.p99)} / ${ms(r.lag.max)} | ${r.spreadMaxPerSecond} checks | ${r.cpuPercent.toFixed(1)} % | ` +
        `${r.postgresCpuPercent === null ? '–' : `${r.postgresCpuPercent.toFixed(1)} %`} | ` +
        `${Math.round(r.checkRowsPerMinute)} | ${r.jobRowsPerMinute === null ? '–' : Math.round(r.jobRowsPerMinute)} |`,
    );
  }
  out.push(
    '',
    `CPU is per cent of one core over the window. \`BENCH_MONITORS\`, \`BENCH_INTERVAL\`, \`BENCH_WARMUP\`, ` +
      '`BENCH_WINDOW`, `BENCH_DATABASE_URL` and `BENCH_SKIP_PGLITE=true` change the run. Writes to this file replace only this section.',
  );
  return out.join('\n');
}

const HEADING = '## Monitoring (`npm run bench:monitors`)';

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
