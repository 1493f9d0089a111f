import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';
export const hasDovecot = existsSync(DOVECOT);

export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops the server; `start()` brings it back on the same port with the same mail (a restart after "downtime"). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const idOf = (flag: '-u' | '-g', name: string) => Number(execFileSync('id', [flag, name]).toString().trim());

/**
 * A private Dovecot for one test file: a generated configuration in a temp folder, IMAP on a random port of
 * 127.0.0.1 without TLS, one user from a passwd-file, maildir storage in the same folder. Run as root (CI containers)
 * it drops to Debian's `dovecot`/`dovenull` users, as anyone else it runs entirely as that user.
 */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loket-dovecot-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const internalUser = root ? 'dovecot' : me;
  const loginUser = root ? 'dovenull' : me;
  const uid = root ? idOf('-u', 'dovecot') : process.getuid!();
  const gid = root ? idOf('-g', 'dovecot') : process.getgid!();
  const internalGroup = root ? 'dovecot' : execFileSync('id', ['-gn']).toString().trim();
  await chmod(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) await mkdir(path.join(dir, sub));
  if (root) await chown(path.join(dir, 'mail'), uid, gid);
  const password = 'imap-secret';
  await writeFile(path.join(dir, 'passwd'), `loket:{PLAIN}${password}:${uid}:${gid}::${dir}/mail/loket\n`);
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_internal_group = ${internalGroup}
default_login_user = ${loginUser}
first_valid_uid = ${uid}
first_valid_gid = ${gid}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  await writeFile(path.join(dir, 'dovecot.conf'), config);
  let child: ChildProcess | undefined;

  const listening = async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('data', (data) => {
          socket.destroy();
          resolve(data.toString().includes('OK'));
        });
        socket.once('error', () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    throw new Error(`dovecot did not start:\n${log}`);
  };

  const dovecot: TestDovecot = {
    host: '127.0.0.1',
    port,
    user: 'loket',
    password,
    async start() {
      child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
      await listening();
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
    async close() {
      await dovecot.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await dovecot.start();
  return dovecot;
}
