import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Content-addressed file storage under the data folder: the same bytes are stored once, by SHA-256. */
export type BlobStore = {
  put(bytes: Buffer): Promise<{ sha256: string; sizeBytes: number }>;
  open(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
  /**
   * Removes a file not written since `unchangedSince`. Every `put` rewrites the file, so an upload of the same bytes
   * that is on its way to the database keeps its file even if a purge decided, a moment earlier, that nothing used it.
   */
  removeIfUnchangedSince(sha256: string, unchangedSince: Date): Promise<boolean>;
};

export function fileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside, then rename: a reader never sees half a file.
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, target);
      return { sha256, sizeBytes: bytes.length };
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    async exists(sha256) {
      return stat(pathOf(sha256)).then(
        () => true,
        () => false,
      );
    },
    async removeIfUnchangedSince(sha256, unchangedSince) {
      const file = pathOf(sha256);
      const info = await stat(file).catch(() => undefined);
      if (!info || info.mtime >= unchangedSince) return false;
      await rm(file, { force: true });
      return true;
    },
  };
}
