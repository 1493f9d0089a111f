import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';

/** A Loket child process: its output, and two ways to end it. */
export type LoketChild = {
  child: ChildProcess;
  /** Output of the process (the last 20,000 characters), for a failing test's message. */
  output(): string;
  /** SIGKILL, as a crash: nothing is flushed or closed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 20 s. */
  stop(): Promise<void>;
};

export type LoketProcess = LoketChild & {
  /** http://127.0.0.1:PORT */
  base: string;
  smtpPort: number;
};

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after). */
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

/**
 * `node server/src/cli.ts serve` as a child process, the way it runs in production, resolved once
 * /api/v1/health answers. For tests that need a real process boundary (crashes, restarts); in-process tests use
 * harness.ts.
 */
export async function startLoketProcess(input: {
  dataDir: string;
  env?: Record<string, string>;
  smtpPort?: number;
}): Promise<LoketProcess> {
  const port = await freePort();
  const smtpPort = input.smtpPort ?? (await freePort());
  const base = `http://${HOST}:${port}`;
  const proc = spawnLoket('serve', {
    PORT: String(port),
    HOST,
    DATA_DIR: input.dataDir,
    INBOUND_SMTP_PORT: String(smtpPort),
    INBOUND_SMTP_HOST: HOST,
    LOG_LEVEL: 'silent',
    ...input.env,
  });
  await until(proc, 'loket serve', async () => {
    try {
      return (await fetch(`${base}/api/v1/health`)).ok;
    } catch {
      return false; // not listening yet
    }
  });
  return { ...proc, base, smtpPort };
}

/**
 * `node server/src/cli.ts worker` (jobs only; needs DATABASE_URL in env), resolved once it logs that it runs. It logs
 * at `info` unless env says otherwise: that line is how it is known to be up.
 */
export async function startLoketWorker(input: { dataDir: string; env: Record<string, string> }): Promise<LoketChild> {
  const proc = spawnLoket('worker', { DATA_DIR: input.dataDir, LOG_LEVEL: 'info', ...input.env });
  await until(proc, 'loket worker', async () => proc.output().includes('Loket worker is running'));
  return proc;
}

function spawnLoket(command: 'serve' | 'worker', env: Record<string, string>): LoketChild & { gone(): boolean } {
  const child = spawn(process.execPath, ['server/src/cli.ts', command], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    gone,
    output: () => output,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits up to 90 s for `ready`; a process that exits or never gets there fails with its output. */
async function until(proc: ReturnType<typeof spawnLoket>, name: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.gone())
      throw new Error(`${name} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await proc.kill();
  throw new Error(`${name} was not ready within 90 s:\n${proc.output()}`);
}
