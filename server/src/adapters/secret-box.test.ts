import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed, loadSecretKey, SECRET_KEY_FILE, SecretUnreadable, secretBox } from './secret-box.ts';

describe('secretBox', () => {
  const box = secretBox(randomBytes(32));

  it('seals a secret so that it opens again, and only for what it was sealed for', () => {
    const sealed = box.seal('mailbox.imap_password', 'pässwörd 🔑');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('pässwörd');
    expect(box.open('mailbox.imap_password', sealed)).toBe('pässwörd 🔑');
    expect(() => box.open('status_subscription.secret', sealed)).toThrow(SecretUnreadable);
  });

  it('seals the same secret differently each time', () => {
    const a = box.seal('mailbox.imap_password', 'same');
    const b = box.seal('mailbox.imap_password', 'same');
    expect(a).not.toBe(b);
    expect([box.open('mailbox.imap_password', a), box.open('mailbox.imap_password', b)]).toEqual(['same', 'same']);
  });

  it('refuses a value sealed under another key, or altered', () => {
    const sealed = secretBox(randomBytes(32)).seal('mailbox.imap_password', 'secret');
    expect(() => box.open('mailbox.imap_password', sealed)).toThrow(/another key/);
    const mine = box.seal('mailbox.imap_password', 'secret');
    const bytes = Buffer.from(mine.slice('enc:v1:'.length), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.open('mailbox.imap_password', `enc:v1:${bytes.toString('base64')}`)).toThrow(SecretUnreadable);
    expect(() => box.open('mailbox.imap_password', 'enc:v1:AAAA')).toThrow(/damaged/);
  });

  it('passes a value stored before sealing through as it is', () => {
    expect(box.open('mailbox.imap_password', 'plain-old-password')).toBe('plain-old-password');
  });

  it('takes only a key of 32 bytes', () => {
    expect(() => secretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretKey', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loket-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('makes a key file on first start, readable by its owner only, and uses it from then on', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const first = await loadSecretKey({ secretKey: undefined, dataDir });
    expect(first).toHaveLength(32);
    const file = path.join(dataDir, SECRET_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(first);
    expect(await loadSecretKey({ secretKey: undefined, dataDir })).toEqual(first);
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]); // nothing left aside
  });

  it('gives processes starting together on one data folder the same key', async () => {
    const dataDir = await tempDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey({ secretKey: undefined, dataDir })));
    expect(new Set(keys.map((k) => k.toString('base64'))).size).toBe(1);
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });

  it('uses SECRET_KEY when it is set, and writes no file', async () => {
    const dataDir = await tempDir();
    const key = randomBytes(32);
    expect(await loadSecretKey({ secretKey: key, dataDir })).toEqual(key);
    await expect(stat(path.join(dataDir, SECRET_KEY_FILE))).rejects.toThrow();
  });

  it('refuses a key file that does not hold a key', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, SECRET_KEY_FILE), 'not a key\n');
    await expect(loadSecretKey({ secretKey: undefined, dataDir })).rejects.toThrow(/32-byte key/);
  });
});
