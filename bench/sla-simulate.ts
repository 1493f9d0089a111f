/**
 * The HTTP half of `npm run bench:sla`: starts the real server (`loket serve`, a child process listening on
 * 127.0.0.1 with PGlite in a temporary DATA_DIR), logs in as an agent, and posts batches of cases to
 * POST /api/v1/sla/simulate one after another, with an inline calendar and with a stored one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SimulateSlaInput } from '@loket/contract';
import { migrateDatabase, openDatabase } from '../server/src/db/client.ts';
import { organisations, people } from '../server/src/db/schema.ts';
import {
  compileCalendar,
  due,
  parseCalendarDefinition,
  type CalendarDefinition,
} from '../server/src/domain/sla/calendar.ts';
import { hashPassword } from '../server/src/services/auth/secrets.ts';
import { freePort, processCpuMs, stopServer } from './common.ts';

const HOST = '127.0.0.1';
const PASSWORD = 'bench-password';
const ADMIN_EMAIL = 'admin@provider.bench.example';
const AGENT_EMAIL = 'agent@provider.bench.example';

export type SimulateCase = { start: Date; minutes: number };

export type SimulateMeasurement = {
  calendar: 'inline' | 'stored';
  casesPerCall: number;
  calls: number;
  callsPerSecond: number;
  casesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the server process per call (user + system, from /proc). */
  serverCpuMs: number;
  /** CPU time of this process (the client: building requests, reading responses) per call. */
  clientCpuMs: number;
  /** The machine's 1-minute load average at the end: above the CPU count, the run shared the CPUs. */
  loadAverage: number;
  requestBytes: number;
};

/** Where one call's time goes, measured in this process on the same batch (median of several repetitions). */
export type SimulateBreakdown = {
  jsonParseMs: number;
  validateMs: number;
  /** Validating and compiling the calendar, and the 10,000 dues on it from cold (compiling the dates they reach). */
  compileAndDueMs: number;
  /** `new Date(start)` of the 10,000 start strings and `toISOString()` of the 10,000 answers. */
  datesMs: number;
  serialiseMs: number;
};

export type SimulateResult = {
  measurements: SimulateMeasurement[];
  breakdown: SimulateBreakdown;
  /** Results of the first call that differ from the engine run in this process; must be 0. */
  mismatches: number;
};

export async function benchSimulate(input: {
  root: string;
  definition: CalendarDefinition;
  cases: readonly SimulateCase[];
  seconds: number;
  log: (message: string) => void;
}): Promise<SimulateResult> {
  const { root, definition, cases, seconds, log } = input;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-bench-sla-'));
  let server: ChildProcess | undefined;
  try {
    await createPeople(dataDir);
    const port = await freePort();
    server = startServer({ root, port, dataDir });
    const base = `http://${HOST}:${port}`;
    await waitForHealth(base, server);

    const adminToken = await createApiToken(base, ADMIN_EMAIL);
    const created = await fetch(`${base}/api/v1/calendars`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Netherlands office hours', definition }),
    });
    if (created.status !== 201) throw new Error(`calendar creation failed: ${created.status} ${await created.text()}`);
    const storedId = ((await created.json()) as { id: string }).id;
    const agentToken = await createApiToken(base, AGENT_EMAIL);
    const headers = { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' };

    const wireCases = cases.map((c) => ({ op: 'due' as const, start: c.start.toISOString(), minutes: c.minutes }));
    const expected = cases.map((c) => due(definition, c.start, c.minutes).toISOString());
    const bodies = {
      inline: JSON.stringify({ calendar: definition, cases: wireCases }),
      stored: JSON.stringify({ calendar: storedId, cases: wireCases }),
    };

    const call = async (body: string) => {
      const response = await fetch(`${base}/api/v1/sla/simulate`, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`simulate failed: ${response.status} ${text.slice(0, 500)}`);
      return text;
    };

    const first = JSON.parse(await call(bodies.inline)) as { results: { due: string }[] };
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) {
      if (new Date(first.results[i]!.due).toISOString() !== expected[i]) mismatches++;
    }
    log(`  simulate: first call answered ${first.results.length} cases, ${mismatches} differ from the engine`);

    const measurements: SimulateMeasurement[] = [];
    for (const calendar of ['inline', 'stored'] as const) {
      const body = bodies[calendar];
      for (let i = 0; i < 3; i++) await call(body); // warm-up
      const latencies: number[] = [];
      const cpuBefore = processCpuMs(server.pid!);
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      while (performance.now() - started < seconds * 1000) {
        const t = performance.now();
        await call(body);
        latencies.push(performance.now() - t);
      }
      const wallSeconds = (performance.now() - started) / 1000;
      const serverCpuMs = (processCpuMs(server.pid!) - cpuBefore) / latencies.length;
      const client = process.cpuUsage(clientBefore);
      latencies.sort((a, b) => a - b);
      const m: SimulateMeasurement = {
        calendar,
        casesPerCall: cases.length,
        calls: latencies.length,
        callsPerSecond: latencies.length / wallSeconds,
        casesPerSecond: (latencies.length * cases.length) / wallSeconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        serverCpuMs,
        clientCpuMs: (client.user + client.system) / 1000 / latencies.length,
        loadAverage: os.loadavg()[0]!,
        requestBytes: Buffer.byteLength(body),
      };
      log(
        `  simulate (${calendar} calendar): ${m.callsPerSecond.toFixed(1)} calls/s = ` +
          `${Math.round(m.casesPerSecond).toLocaleString('en')} cases/s, p50 ${m.p50Ms.toFixed(0)} ms, ` +
          `CPU per call: server ${m.serverCpuMs.toFixed(0)} ms, client ${m.clientCpuMs.toFixed(0)} ms; ` +
          `load average ${m.loadAverage.toFixed(1)}`,
      );
      measurements.push(m);
    }
    return { measurements, breakdown: breakdown(bodies.inline), mismatches };
  } finally {
    if (server) await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The server's work for one inline-calendar call, step by step, outside HTTP and the database. */
function breakdown(body: string): SimulateBreakdown {
  const timed = <T>(fn: () => T): [number, T] => {
    const samples: number[] = [];
    let value: T = fn();
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      value = fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    return [samples[3]!, value];
  };
  const [jsonParseMs, raw] = timed(() => JSON.parse(body) as unknown);
  const [validateMs, data] = timed(() => SimulateSlaInput.parse(raw));
  const cases = data.cases.flatMap((c) => (c.op === 'due' ? [c] : []));
  const [parseDatesMs, starts] = timed(() => cases.map((c) => new Date(c.start)));
  // As simulate-sla.ts does per call: validate the definition, compile it afresh, answer every case.
  const [compileAndDueMs, dues] = timed(() => {
    const calendar = compileCalendar(parseCalendarDefinition(data.calendar));
    return cases.map((c, i) => due(calendar, starts[i]!, c.minutes));
  });
  const [formatDatesMs, results] = timed(() => dues.map((d) => ({ due: d.toISOString() })));
  const [serialiseMs] = timed(() => JSON.stringify({ results }));
  return { jsonParseMs, validateMs, compileAndDueMs, datesMs: parseDatesMs + formatDatesMs, serialiseMs };
}

/** A provider organisation with an admin (to store the calendar) and an agent (to simulate), with passwords. */
async function createPeople(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pg') });
  try {
    await migrateDatabase(database);
    const now = new Date();
    const [provider] = await database.db
      .insert(organisations)
      .values({ name: 'Bench Provider', kind: 'provider', createdAt: now, updatedAt: now })
      .returning();
    const passwordHash = await hashPassword(PASSWORD);
    const person = (email: string, name: string, role: 'admin' | 'agent') => ({
      organisationId: provider!.id,
      email,
      name,
      role,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await database.db
      .insert(people)
      .values([person(ADMIN_EMAIL, 'Bench Admin', 'admin'), person(AGENT_EMAIL, 'Bench Agent', 'agent')]);
  } finally {
    await database.close();
  }
}

function startServer(input: { root: string; port: number; dataDir: string }): ChildProcess {
  const env = process.env;
  const child = spawn(process.execPath, ['server/src/cli.ts', 'serve'], {
    cwd: input.root,
    env: {
      PATH: env.PATH ?? '',
      HOME: env.HOME ?? os.tmpdir(),
      PORT: String(input.port),
      HOST,
      DATA_DIR: input.dataDir,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^/gm, '  [server] '));
  child.stdout!.on('data', relay);
  child.stderr!.on('data', relay);
  return child;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become healthy within 90 s');
}

/** Logs in with the password, as a person would, and makes an API token for the measured requests. */
async function createApiToken(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
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

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
