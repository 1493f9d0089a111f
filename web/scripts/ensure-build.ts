// Builds web/dist when it is missing or older than what it is built from, so `npm start` on a fresh clone serves the
// app with no extra step, and a start after `git pull` serves the current one. A build takes a few seconds; an
// up-to-date build costs one walk over the sources.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(webDir, '..');
const SOURCES = [
  path.join(webDir, 'src'),
  path.join(webDir, 'index.html'),
  path.join(webDir, 'vite.config.ts'),
  path.join(webDir, 'package.json'),
  path.join(root, 'contract', 'src'),
  path.join(root, 'package-lock.json'),
];

function newestMtimeMs(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtimeMs(path.join(entry, name)));
  return newest;
}

/** Why web/dist must be built, or null when it is up to date. */
export function staleReason(): string | null {
  const built = newestMtimeMs(path.join(webDir, 'dist', 'index.html'));
  if (built === 0) return 'web/dist is missing';
  const changed = SOURCES.find((source) => newestMtimeMs(source) > built);
  return changed ? `${path.relative(root, changed)} changed since the last build` : null;
}

/** Runs `vite build` in web/ when the build is stale; throws when the build fails. */
export function ensureWebBuild({ force = false } = {}): void {
  const reason = force ? 'asked to' : staleReason();
  if (!reason) {
    console.log('web: web/dist is up to date');
    return;
  }
  console.log(`web: building the web app (${reason}) …`);
  const started = Date.now();
  const viteBin = path.join(
    path.dirname(createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`web: vite build failed (exit ${result.status ?? result.signal})`);
  precompress(path.join(webDir, 'dist'));
  console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Brotli and gzip copies next to each script, style sheet and page, which the server sends to browsers that accept
 * them (@fastify/static `preCompressed`): the app's script goes out at about a quarter of its size, compressed once
 * at build time rather than on every request.
 */
export function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(file);
      continue;
    }
    if (!/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
    const content = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureWebBuild({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
