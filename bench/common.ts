import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database } from '../server/src/db/client.ts';

// What the benchmark scripts share: starting and stopping `loket serve`, CPU accounting from /proc, a scratch
// PostgreSQL database, and describing the machine a figure was measured on.

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';

/** A whole-number option from the environment (`fallback` when unset), refused outside 1..max. */
export function envInteger(name: string, fallback: number, max: number): number {
  const value = process.env[name] ? Number(process.env[name]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer 1..${max}`);
  return value;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `loket <command>` from the repository root with only the environment given (plus PATH, HOME and
 * LOG_LEVEL=warn; undefined values are left out), its output relayed to stderr with `[label]` before each line.
 * With `cpuProfDir` the process writes a CPU profile there when it exits.
 */
export function spawnLoket(
  command: 'serve' | 'worker',
  childEnv: Record<string, string | undefined>,
  options: { label?: string; cpuProfDir?: string | undefined } = {},
): ChildProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    LOG_LEVEL: 'warn',
  };
  for (const [name, value] of Object.entries(childEnv)) if (value !== undefined) env[name] = value;
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.cpuProfDir)] : [];
  const child = spawn(process.execPath, [...profile, 'server/src/cli.ts', command], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (chunk: Buffer) =>
    process.stderr.write(chunk.toString().replace(/^/gm, `  [${options.label ?? 'server'}] `));
  child.stdout!.on('data', relay);
  child.stderr!.on('data', relay);
  return child;
}

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; date: string; pglite: string };

export const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** User + system CPU a process has used, from /proc (Linux); 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/** The CPU used by the PostgreSQL backends serving the benchmark database (same machine only). */
export async function postgresBackends(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async cpuMs(): Promise<Map<number, number>> {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
    },
    close: () => client.end(),
  };
}

export async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^loket_bench\w*$/.test(name))
    throw new Error(`BENCH_DATABASE_URL must name a database loket_bench…, not "${name}"`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

export async function rawQuery(
  database: Database,
  text: string,
  params: unknown[],
): Promise<Record<string, unknown>[]> {
  if (database.kind === 'pglite') return (await database.pglite.query<Record<string, unknown>>(text, params)).rows;
  return (await database.pool.query(text, params)).rows as Record<string, unknown>[];
}

export async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become healthy within 90 s');
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const pglitePackage = JSON.parse(
    await readFile(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8').catch(() => '{}'),
  ) as { version?: string };
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    pglite: pglitePackage.version ?? 'unknown',
  };
}

export function log(message: string) {
  console.error(message);
}

/**
 * Writes a benchmark's section of docs/benchmarks.md. By default the section is everything from its `## ` heading to
 * the next one. With `marker`, only what lies between `<!-- bench:<marker>:begin … -->` and its end marker is
 * replaced, so notes written by hand under the same heading stay. A missing section is added at the end.
 */
export async function writeBenchmarkSection(heading: string, report: string, marker?: string): Promise<void> {
  const file = path.join(root, 'docs/benchmarks.md');
  const current = await readFile(file, 'utf8').catch(
    () => '# Benchmarks\n\nFigures printed by the scripts in `bench/`, with the machine they ran on.\n',
  );
  let body = `${report.trimEnd()}\n`;
  if (marker) {
    const begin = `<!-- bench:${marker}:begin (written by \`npm run bench:${marker}\`) -->`;
    const end = `<!-- bench:${marker}:end -->`;
    const from = current.indexOf(begin);
    const to = current.indexOf(end);
    if (from >= 0 && to > from) {
      await writeFile(file, `${current.slice(0, from)}${begin}\n${body}${current.slice(to)}`);
      return;
    }
    body = `${begin}\n${body}${end}\n`;
  }
  const section = `${heading}\n\n${body}`;
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start >= 0) {
    const after = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + section + (after >= 0 ? current.slice(after) : '');
  } else {
    next = `${current.trimEnd()}\n\n${section}`;
  }
  await writeFile(file, next);
}
