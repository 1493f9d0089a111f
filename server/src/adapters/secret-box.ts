import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets Loket must be able to use again — an IMAP mailbox's password, a status webhook's signing key — are kept
 * sealed in the database: AES-256-GCM under one key that never enters the database, with what the secret is for as
 * associated data (so a sealed value copied into another column does not open). A dump or a backup of the database
 * alone gives none of them away.
 */
export type SecretPurpose = 'mailbox.imap_password' | 'status_subscription.secret';

export type SecretBox = {
  /** The secret sealed for storage: `enc:v1:` and base64 of IV, tag and ciphertext. */
  seal(purpose: SecretPurpose, plain: string): string;
  /**
   * The stored value opened, or why it cannot be (sealed under another key or for another purpose, or damaged). A
   * value stored before secrets were sealed (no `enc:` prefix) comes back as it is, until `sealStoredSecrets` seals it
   * at the next start.
   */
  tryOpen(purpose: SecretPurpose, stored: string): Opened;
  /** As tryOpen, for a value that must open: throws SecretUnreadable when it does not. */
  open(purpose: SecretPurpose, stored: string): string;
};

export type Opened = { ok: true; plain: string } | { ok: false; reason: string };

/** What every sealed value starts with (a later format gets another version). */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;
/** The key's file in DATA_DIR, written on first start when SECRET_KEY is not set. */
export const SECRET_KEY_FILE = 'secret.key';

export class SecretUnreadable extends Error {}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`A secret key has ${SECRET_KEY_BYTES} bytes`);
  const tryOpen = (purpose: SecretPurpose, stored: string): Opened => {
    if (!isSealed(stored)) return { ok: true, plain: stored };
    const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) return { ok: false, reason: 'The stored secret is damaged' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return { ok: true, plain: plain.toString('utf8') };
    } catch {
      return {
        ok: false,
        reason:
          'The stored secret cannot be opened with this SECRET_KEY (it was sealed under another key): enter it again',
      };
    }
  };
  return {
    seal(purpose, plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    tryOpen,
    open(purpose, stored) {
      const opened = tryOpen(purpose, stored);
      if (!opened.ok) throw new SecretUnreadable(opened.reason);
      return opened.plain;
    },
  };
}

/**
 * The key secrets are sealed with: SECRET_KEY when set (base64 of 32 bytes), else the key file in DATA_DIR, made on
 * first start and readable by its owner only. The file appears whole or not at all (written aside, then linked into
 * place, which fails if it exists), so processes starting together on a shared DATA_DIR all end up with the one key
 * that was linked first, and a crash never leaves an empty key file behind.
 */
export async function loadSecretKey(options: { secretKey: Buffer | undefined; dataDir: string }): Promise<Buffer> {
  if (options.secretKey) return options.secretKey;
  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  await mkdir(options.dataDir, { recursive: true });
  const content = `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`;
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(aside, content, { flag: 'wx', mode: 0o600 });
    await link(aside, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      // A file system without hard links: created exclusively in place instead.
      await writeFile(file, content, { flag: 'wx', mode: 0o600 }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    } else if (code !== 'EEXIST') throw error;
  } finally {
    await rm(aside, { force: true });
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES)
    throw new Error(`${file} does not hold a ${SECRET_KEY_BYTES}-byte key in base64`);
  return key;
}
