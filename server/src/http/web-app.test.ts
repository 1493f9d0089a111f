import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { precompress } from '../../../web/scripts/ensure-build.ts';
import { buildApp } from './app.ts';

// The app served from a built web/dist: a stand-in build in a temporary folder, so the test needs no vite build.
describe('serving the web app', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let webDir: string;
  const INDEX =
    '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

  beforeAll(async () => {
    harness = await createHarness();
    webDir = await mkdtemp(path.join(os.tmpdir(), 'loket-web-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(path.join(webDir, 'index.html'), INDEX);
    await writeFile(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log("app")');
    await writeFile(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    precompress(webDir);
    app = await buildApp({ deps: harness.deps, webDir });
  });
  afterAll(async () => {
    await app.close();
    await harness.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / with a CSP that allows no inline script, revalidated on every visit', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('answers a deep link with index.html, for the router in the browser', async () => {
    for (const url of ['/agent/tickets/abc', '/portal', '/login?next=%2Fagent%2Ftickets']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(INDEX);
      expect(response.headers['content-security-policy'], url).toBeDefined();
    }
  });

  it('sends the brotli or gzip copy made at build time to a browser that accepts it, the file itself otherwise', async () => {
    const br = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log("app")');
    const gzip = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe('console.log("app")');
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('caches hashed assets for a year as immutable; other files are revalidated', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("app")');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps /api answering JSON, also a JSON 404 for an unknown API path', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No such route' } });
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers a missing file or a write with a 404, never with the app', async () => {
    const file = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });
    expect(file.statusCode).toBe(404);
    expect(file.json()).toMatchObject({ error: { code: 'not_found' } });
    const post = await app.inject({ method: 'POST', url: '/agent/tickets' });
    expect(post.statusCode).toBe(404);
  });

  it('leads / to the API reference when no web app is built', async () => {
    const apiOnly = await buildApp({ deps: harness.deps, webDir: path.join(webDir, 'missing') });
    const response = await apiOnly.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/api/v1/docs');
    await apiOnly.close();
  });
});
