/**
 * Status page benchmark: how many public status requests one server process answers per second. Starts the real
 * server (`loket serve`, DEMO_DATA=true so the page has the demo's components, 90 days of intervals, incidents and
 * maintenance) as a child process on 127.0.0.1 and measures with autocannon:
 *   - GET /status                         the server-rendered HTML page
 *   - GET /status + If-None-Match         the same, revalidated: 304 without a body
 *   - GET /api/v2/summary.json            the Statuspage v2 summary
 *   - GET /api/v2/summary.json + If-None-Match
 * Every measurement is of the cached path (the page is built once per change; see status-view-cache.ts): nothing
 * changes during the run, so after the first request each one costs at most one single-row read a second.
 * On PGlite (a temporary DATA_DIR) and, when BENCH_DATABASE_URL is set, on PostgreSQL.
 *
 *   npm run bench:status
 *   BENCH_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/loket_bench_status npm run bench:status
 *
 * Options (environment): BENCH_DURATION seconds per measurement (10), BENCH_CONNECTIONS (10), BENCH_SKIP_PGLITE=true,
 * BENCH_WRITE_DOCS=false, BENCH_CPU_PROF=<dir> (the server runs with --cpu-prof and writes its profile there on exit;
 * such a run does not write docs/benchmarks.md). The PostgreSQL database is dropped and re-created, so its name must
 * start with `loket_bench`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import {
  HOST,
  type Machine,
  cpuDelta,
  describeMachine,
  envInteger,
  freePort,
  log,
  postgresBackends,
  processCpuMs,
  recreateDatabase,
  spawnLoket,
  stopServer,
  waitForHealth,
  writeBenchmarkSection,
} from './common.ts';

const env = process.env;
const DURATION = envInteger('BENCH_DURATION', 10, 120);
const CONNECTIONS = envInteger('BENCH_CONNECTIONS', 10, 200);
const WARMUP_SECONDS = Math.min(3, DURATION);
const PG_URL = env.BENCH_DATABASE_URL;
const CPU_PROF = env.BENCH_CPU_PROF?.trim() || undefined;

type Measurement = {
  name: string;
  status: number;
  bytes: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
  serverCpuMs: number;
  postgresCpuMs: number | null;
  clientCpuMs: number;
  /** The server's CPU use over the measurement, in CPUs (1.0 = one core busy all the time). */
  serverCpus: number;
  loadAverage: number;
};
type TargetResult = { target: string; measurements: Measurement[] };

async function main() {
  const targets: { name: string; url?: string }[] = [];
  if (env.BENCH_SKIP_PGLITE !== 'true') targets.push({ name: 'PGlite' });
  if (PG_URL) targets.push({ name: 'PostgreSQL', url: PG_URL });
  if (targets.length === 0) throw new Error('nothing to measure');
  const results: TargetResult[] = [];
  for (const target of targets) results.push(await runTarget(target));
  const report = renderReport(results, await describeMachine());
  console.log(`\n${report}`);
  if (env.BENCH_WRITE_DOCS !== 'false' && !CPU_PROF) {
    await writeBenchmarkSection('## Status page (`npm run bench:status`)', report, 'status');
    console.log('docs/benchmarks.md updated');
  }
}

async function runTarget(target: { name: string; url?: string }): Promise<TargetResult> {
  log(`── ${target.name} ──`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-bench-status-'));
  let server: ChildProcess | undefined;
  try {
    if (target.url) await recreateDatabase(target.url);
    const port = await freePort();
    server = spawnLoket(
      'serve',
      { PORT: String(port), HOST, DATA_DIR: dataDir, DEMO_DATA: 'true', DATABASE_URL: target.url },
      { cpuProfDir: CPU_PROF },
    );
    const base = `http://${HOST}:${port}`;
    await waitForHealth(base, server);
    const etags = new Map<string, { etag: string; bytes: number }>();
    for (const url of ['/status', '/api/v2/summary.json']) {
      const res = await fetch(`${base}${url}`);
      const body = await res.text();
      if (!res.ok || !res.headers.get('etag')) throw new Error(`${url}: ${res.status} without an ETag`);
      if (url === '/status' && !body.includes('E-mail hosting')) throw new Error('/status does not show the demo data');
      etags.set(url, { etag: res.headers.get('etag')!, bytes: Buffer.byteLength(body) });
    }
    const cases: { name: string; path: string; status: number; headers: Record<string, string> }[] = [
      { name: 'GET /status', path: '/status', status: 200, headers: {} },
      {
        name: 'GET /status, If-None-Match',
        path: '/status',
        status: 304,
        headers: { 'if-none-match': etags.get('/status')!.etag },
      },
      { name: 'GET /api/v2/summary.json', path: '/api/v2/summary.json', status: 200, headers: {} },
      {
        name: 'GET /api/v2/summary.json, If-None-Match',
        path: '/api/v2/summary.json',
        status: 304,
        headers: { 'if-none-match': etags.get('/api/v2/summary.json')!.etag },
      },
    ];
    const measurements: Measurement[] = [];
    const backends = target.url ? await postgresBackends(target.url) : undefined;
    try {
      for (const c of cases) {
        const requests: Request[] = [{ method: 'GET', path: c.path, headers: c.headers }];
        await fire(base, requests, WARMUP_SECONDS);
        const serverBefore = processCpuMs(server.pid!);
        const postgresBefore = await backends?.cpuMs();
        const clientBefore = process.cpuUsage();
        const started = performance.now();
        const result = await fire(base, requests, DURATION);
        const elapsedMs = performance.now() - started;
        const client = process.cpuUsage(clientBefore);
        const postgresAfter = await backends?.cpuMs();
        const serverMs = processCpuMs(server.pid!) - serverBefore;
        const total = Math.max(1, result.requests.total);
        // autocannon counts a 304 as "non-2xx": a failure here is any answer other than the expected status.
        const expected = result.statusCodeStats[String(c.status)]?.count ?? 0;
        const failures = result.requests.total - expected + result.errors + result.timeouts;
        const m: Measurement = {
          name: c.name,
          status: c.status,
          bytes: c.status === 200 ? etags.get(c.path)!.bytes : 0,
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          total: result.requests.total,
          failures: Math.max(0, failures),
          serverCpuMs: serverMs / total,
          postgresCpuMs: postgresBefore && postgresAfter ? cpuDelta(postgresBefore, postgresAfter) / total : null,
          clientCpuMs: (client.user + client.system) / 1000 / total,
          serverCpus: serverMs / elapsedMs,
          loadAverage: os.loadavg()[0]!,
        };
        if (m.failures > 0)
          log(`  ! ${c.name}: ${m.failures} unexpected answers ${JSON.stringify(result.statusCodeStats)}`);
        log(
          `  ${c.name}: ${fmt(m.requestsPerSecond)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms; server CPU ` +
            `${(m.serverCpuMs * 1000).toFixed(0)} µs/request (${m.serverCpus.toFixed(2)} CPUs)` +
            `${m.postgresCpuMs === null ? '' : `, PostgreSQL ${(m.postgresCpuMs * 1000).toFixed(1)} µs/request`}, ` +
            `load generator ${(m.clientCpuMs * 1000).toFixed(0)} µs/request; load average ${m.loadAverage.toFixed(1)}`,
        );
        measurements.push(m);
      }
    } finally {
      await backends?.close();
    }
    return { target: target.name, measurements };
  } finally {
    if (server) await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function fire(base: string, requests: Request[], seconds: number): Promise<Result> {
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, timeout: 10, requests });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function renderReport(results: TargetResult[], machine: Machine): string {
  const lines = [
    `Measured ${machine.date} on ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ` +
      `Node ${machine.node}, PGlite ${machine.pglite}; server, database and load generator (autocannon, one process) ` +
      `on the same machine. ${CONNECTIONS} connections, ${DURATION} s per measurement after ${WARMUP_SECONDS} s of ` +
      `warm-up, demo data. Server CPU is the server process's user + system time per request (with PGlite the ` +
      `database runs inside it) and its average use in CPUs; a 1-minute load average above the CPU count means the ` +
      `run shared the CPUs with other work.`,
    '',
    '| database | request | answer | req/s | p50 ms | p99 ms | unexpected | server µs/req | server CPUs | PostgreSQL µs/req | load generator µs/req | load avg |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    for (const m of r.measurements) {
      const answer = m.status === 200 ? `200, ${fmt(m.bytes)} B` : String(m.status);
      const postgres = m.postgresCpuMs === null ? '(in server)' : (m.postgresCpuMs * 1000).toFixed(1);
      lines.push(
        `| ${r.target} | \`${m.name}\` | ${answer} | ${fmt(m.requestsPerSecond)} | ${m.p50} | ${m.p99} | ` +
          `${m.failures} of ${fmt(m.total)} | ${(m.serverCpuMs * 1000).toFixed(0)} | ${m.serverCpus.toFixed(2)} | ` +
          `${postgres} | ${(m.clientCpuMs * 1000).toFixed(0)} | ${m.loadAverage.toFixed(1)} |`,
      );
    }
  }
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
