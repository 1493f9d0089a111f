import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';

export type LoketProcess = {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  base: string;
  smtpPort: number;
  /** Output of the process, for a failing test's message. */
  output(): string;
  /** SIGKILL, as a crash: nothing is flushed or closed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 20 s. */
  stop(): Promise<void>;
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
  const child = spawn(process.execPath, ['server/src/cli.ts', 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: String(port),
      HOST,
      DATA_DIR: input.dataDir,
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_HOST: HOST,
      LOG_LEVEL: 'silent',
      ...input.env,
    },
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
  const base = `http://${HOST}:${port}`;
  const proc: LoketProcess = {
    child,
    base,
    smtpPort,
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
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`loket serve exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await proc.kill();
  throw new Error(`loket serve did not become healthy within 90 s:\n${output}`);
}
