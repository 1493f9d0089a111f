/**
 * Ticket API benchmark: loads 100,000 tickets, starts the real server (`loket serve`) as a child process on
 * 127.0.0.1, and measures three requests with autocannon at 10 connections:
 *   - GET /api/v1/tickets/:id         one ticket (cycling through 1,000 ids), API token auth
 *   - POST /api/v1/tickets            an agent opens a ticket for an existing contact
 *   - GET /api/v1/tickets?statusKind=open,new&organisationId=…&limit=25   a filtered list of a large customer
 * on PGlite (a temporary DATA_DIR) and, when BENCH_DATABASE_URL is set, on PostgreSQL. Prints a markdown table and
 * writes it, with the machine and the list query's plan, into docs/benchmarks.md.
 *
 *   node bench/tickets.ts
 *   BENCH_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/loket_bench node bench/tickets.ts
 *
 * Options (environment): BENCH_TICKETS (100000), BENCH_DURATION seconds per measurement (10), BENCH_CONNECTIONS (10),
 * BENCH_SKIP_PGLITE=true, BENCH_WRITE_DOCS=false, and BENCH_EXPERIMENT_SQL: statements run on the benchmark database
 * after loading (a candidate index, `ALTER DATABASE … SET …`), to measure a change before making it in the schema;
 * such a run does not write docs/benchmarks.md. The PostgreSQL database named in BENCH_DATABASE_URL is dropped and
 * re-created, so its name must start with `loket_bench`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import { and, desc, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../server/src/db/client.ts';
import { tickets } from '../server/src/db/schema.ts';
import { type LoadedData, loadTickets } from './load-tickets.ts';
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
  spawnLoket,
  stopServer,
  waitForHealth,
  writeBenchmarkSection,
} from './common.ts';

const env = process.env;
const TICKETS = envInteger('BENCH_TICKETS', 100_000, 2_000_000);
const DURATION = envInteger('BENCH_DURATION', 10, 120);
const CONNECTIONS = envInteger('BENCH_CONNECTIONS', 10, 200);
const WARMUP_SECONDS = Math.min(3, DURATION);
const PG_URL = env.BENCH_DATABASE_URL;
const EXPERIMENT_SQL = env.BENCH_EXPERIMENT_SQL?.trim() || undefined;

type Measurement = {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
  /** CPU time per request: the server process (with PGlite, the database runs inside it), PostgreSQL's backends, the load generator. */
  serverCpuMs: number;
  postgresCpuMs: number | null;
  clientCpuMs: number;
  /** The machine's 1-minute load average when the measurement ended: other work on the machine shows here. */
  loadAverage: number;
};
type TargetResult = {
  target: string;
  serverVersion: string;
  loaded: LoadedData;
  measurements: Measurement[];
  listPlan: string;
};

async function main() {
  const targets: { name: string; url?: string }[] = [];
  if (env.BENCH_SKIP_PGLITE !== 'true') targets.push({ name: 'PGlite' });
  if (PG_URL) targets.push({ name: 'PostgreSQL', url: PG_URL });
  if (targets.length === 0) throw new Error('nothing to measure');

  const results: TargetResult[] = [];
  for (const target of targets) results.push(await runTarget(target));

  const machine = await describeMachine();
  const report = renderReport(results, machine);
  console.log(`\n${report}`);
  if (env.BENCH_WRITE_DOCS !== 'false' && !EXPERIMENT_SQL) {
    await writeBenchmarkSection('## Tickets API (`npm run bench:tickets`)', report, 'tickets');
    console.log('docs/benchmarks.md updated');
  }
}

async function runTarget(target: { name: string; url?: string }): Promise<TargetResult> {
  log(`── ${target.name} ──`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-bench-'));
  let server: ChildProcess | undefined;
  try {
    if (target.url) await recreateDatabase(target.url);
    const database = await openDatabase(
      target.url ? { url: target.url, poolSize: 4 } : { dataDir: path.join(dataDir, 'pg') },
    );
    let loaded: LoadedData;
    let listPlan: string;
    let serverVersion: string;
    try {
      await migrateDatabase(database);
      loaded = await loadTickets(database.db, {
        tickets: TICKETS,
        onProgress: (n, s) => log(`  loaded ${n.toLocaleString('en')} tickets (${s.toFixed(1)} s)`),
      });
      log(`  ${loaded.tickets.toLocaleString('en')} tickets with one article each in ${loaded.seconds.toFixed(1)} s`);
      if (EXPERIMENT_SQL) {
        log(`  experiment: ${EXPERIMENT_SQL}`);
        if (database.kind === 'pglite') await database.pglite.exec(`${EXPERIMENT_SQL}; ANALYZE`);
        else await database.pool.query(`${EXPERIMENT_SQL}; ANALYZE`);
      }
      serverVersion = await rawQuery(database, 'SELECT version() AS v', []).then((rows) => String(rows[0]?.v ?? ''));
      listPlan = await explainList(database, loaded.organisationIds[0]!);
      log(
        listPlan
          .split('\n')
          .map((l) => `  | ${l}`)
          .join('\n'),
      );
    } finally {
      await database.close();
    }

    const port = await freePort();
    server = spawnLoket('serve', {
      PORT: String(port),
      HOST,
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      DATABASE_URL: target.url,
    });
    const base = `http://${HOST}:${port}`;
    await waitForHealth(base, server);
    const token = await createApiToken(base, loaded.agentEmail, loaded.agentPassword);
    const auth = { authorization: `Bearer ${token}` };

    const ids = loaded.sampleTicketIds;
    const listOrgs = loaded.organisationIds.slice(0, 10);
    const contacts = loaded.contactEmails;
    const cases: { name: string; requests: Request[] }[] = [
      {
        name: 'GET /tickets/:id',
        requests: [
          {
            method: 'GET',
            headers: auth,
            setupRequest: cycle((n, request) => ({ ...request, path: `/api/v1/tickets/${ids[n % ids.length]}` })),
          },
        ],
      },
      {
        name: 'POST /tickets',
        requests: [
          {
            method: 'POST',
            path: '/api/v1/tickets',
            headers: { ...auth, 'content-type': 'application/json' },
            setupRequest: cycle((n, request) => ({
              ...request,
              body: JSON.stringify({
                subject: `Benchmark ticket ${n}`,
                body: 'Opened by the benchmark: the printer on the second floor prints blank pages.',
                requesterEmail: contacts[(n * 7) % contacts.length],
                urgency: 'normal',
                impact: n % 5 === 0 ? 'high' : 'normal',
              }),
            })),
          },
        ],
      },
      {
        name: 'GET /tickets?statusKind=open,new&organisationId=…&limit=25',
        requests: [
          {
            method: 'GET',
            headers: auth,
            setupRequest: cycle((n, request) => ({
              ...request,
              path: `/api/v1/tickets?statusKind=open,new&organisationId=${listOrgs[n % listOrgs.length]}&limit=25`,
            })),
          },
        ],
      },
    ];
    const measurements: Measurement[] = [];
    const backends = target.url ? await postgresBackends(target.url) : undefined;
    try {
      for (const c of cases) {
        await fire(base, c.requests, WARMUP_SECONDS);
        const serverBefore = processCpuMs(server.pid!);
        const postgresBefore = await backends?.cpuMs();
        const clientBefore = process.cpuUsage();
        const result = await fire(base, c.requests, DURATION);
        const client = process.cpuUsage(clientBefore);
        const postgresAfter = await backends?.cpuMs();
        const total = Math.max(1, result.requests.total);
        const failures = result.non2xx + result.errors + result.timeouts;
        const m: Measurement = {
          name: c.name,
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          total: result.requests.total,
          failures,
          serverCpuMs: (processCpuMs(server.pid!) - serverBefore) / total,
          postgresCpuMs: postgresBefore && postgresAfter ? cpuDelta(postgresBefore, postgresAfter) / total : null,
          clientCpuMs: (client.user + client.system) / 1000 / total,
          loadAverage: os.loadavg()[0]!,
        };
        if (failures > 0) log(`  ! ${c.name}: ${failures} failed requests ${JSON.stringify(result.statusCodeStats)}`);
        log(
          `  ${c.name}: ${fmt(m.requestsPerSecond)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms; CPU/request server ` +
            `${m.serverCpuMs.toFixed(2)} ms${m.postgresCpuMs === null ? '' : `, PostgreSQL ${m.postgresCpuMs.toFixed(2)} ms`}, ` +
            `load generator ${m.clientCpuMs.toFixed(2)} ms; load average ${m.loadAverage.toFixed(1)}`,
        );
        measurements.push(m);
      }
    } finally {
      await backends?.close();
    }
    return { target: target.name, serverVersion, loaded, measurements, listPlan };
  } finally {
    if (server) await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A setupRequest that numbers the requests, so ids and bodies rotate deterministically. */
function cycle(make: (n: number, request: Request) => Request): (request: Request) => Request {
  let n = 0;
  return (request) => make(n++, request);
}

async function fire(base: string, requests: Request[], seconds: number): Promise<Result> {
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, timeout: 10, requests });
}

/**
 * The plan of the list's first step — the page's ids from the tickets table, as list-tickets.ts builds it; the
 * second step is the prepared ticket view for those ids.
 */
async function explainList(database: Database, organisationId: string): Promise<string> {
  const query = database.db
    .select({ id: tickets.id, priority: tickets.priority, createdAt: tickets.createdAt, updatedAt: tickets.updatedAt })
    .from(tickets)
    .where(and(inArray(tickets.statusKind, ['open', 'new']), eq(tickets.organisationId, organisationId)))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(26)
    .toSQL();
  await rawQuery(database, query.sql, query.params); // warm the cache, as a running server would have it
  // A fresh session, so settings made by an experiment (ALTER DATABASE … SET) apply as they will in the server.
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(query.sql, query.params);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      return rows.map((r: Record<string, unknown>) => String(r['QUERY PLAN'])).join('\n');
    } finally {
      await client.end();
    }
  }
  const rows = await rawQuery(database, `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
}

async function createApiToken(base: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${base}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'benchmark' }),
  });
  if (created.status !== 201) throw new Error(`token creation failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; date: string; pglite: string };

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function renderReport(results: TargetResult[], machine: Machine): string {
  const lines = [
    ...(EXPERIMENT_SQL ? [`Experiment: \`${EXPERIMENT_SQL}\``, ''] : []),
    `Measured ${machine.date} on ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, Node ${machine.node}; ` +
      `server, database and load generator on the same machine. ${CONNECTIONS} connections, ${DURATION} s per ` +
      `measurement after ${WARMUP_SECONDS} s of warm-up. CPU ms/req is CPU time per request, which other load on ` +
      `the machine disturbs far less than req/s; a 1-minute load average above the CPU count means the run shared the CPUs.`,
    '',
    '| database | request | req/s | p50 ms | p99 ms | failed | CPU ms/req: server | PostgreSQL | load generator | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    for (const m of r.measurements) {
      const postgres = m.postgresCpuMs === null ? '(in server)' : m.postgresCpuMs.toFixed(2);
      lines.push(
        `| ${r.target} | \`${m.name}\` | ${fmt(m.requestsPerSecond)} | ${m.p50} | ${m.p99} | ${m.failures} of ${fmt(m.total)} | ` +
          `${m.serverCpuMs.toFixed(2)} | ${postgres} | ${m.clientCpuMs.toFixed(2)} | ${m.loadAverage.toFixed(1)} |`,
      );
    }
  }
  lines.push('');
  for (const r of results) {
    const engine =
      r.target === 'PGlite'
        ? `PGlite ${machine.pglite} (${r.serverVersion.split(',')[0]})`
        : r.serverVersion.split(',')[0];
    lines.push(
      `- ${r.target}: ${engine}; ${fmt(r.loaded.tickets)} tickets (one article each) loaded in ${r.loaded.seconds.toFixed(0)} s.`,
    );
  }
  for (const r of results) {
    lines.push(
      '',
      `<details><summary>List query plan on ${r.target} (largest customer)</summary>`,
      '',
      '```',
      r.listPlan,
      '```',
      '',
      '</details>',
    );
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
