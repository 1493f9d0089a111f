import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The built web app (web/dist): no inline scripts (Vite emits module files), inline styles for Mantine, same-origin
 * API calls only. Applied to the app's HTML; the API reference under /api/v1/docs keeps its own headers.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether `dir` holds a built web app. */
export const hasWebApp = (dir: string | undefined): dir is string =>
  dir !== undefined && existsSync(path.join(dir, 'index.html'));

/**
 * Serves the single-page app from `dir`: its files as they are (hashed files under /assets/ cached for a year as
 * immutable, the rest revalidated), and index.html for every other GET of a page — a deep link such as
 * /agent/tickets/LK-26-00042 is routed in the browser. Paths under /api/, and paths that name a file (they have an
 * extension), are never answered with the app: a missing one stays a JSON 404.
 */
export async function registerWebApp(
  app: FastifyInstance,
  dir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined> {
  const indexHtml = readFileSync(path.join(dir, 'index.html'));
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    // web/dist holds brotli and gzip copies made at build time (web/scripts/ensure-build.ts)
    preCompressed: true,
    cacheControl: false,
    decorateReply: false,
    setHeaders: (reply, filePath) => {
      const hashed = path.relative(dir, filePath).startsWith(`assets${path.sep}`);
      reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (/\.html(\.br|\.gz)?$/.test(filePath)) reply.header('Content-Security-Policy', APP_CSP);
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply
      .status(200)
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', APP_CSP)
      .type('text/html; charset=utf-8')
      .send(indexHtml);
  app.get('/', (_request, reply) => sendIndex(reply));
  const isPage = (request: FastifyRequest) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = request.url.split('?')[0] ?? '/';
    return !pathname.startsWith('/api/') && pathname !== '/api' && !/\.[a-z0-9]+$/i.test(pathname);
  };
  // The fallback the not-found handler asks first: the app for a page, nothing (→ JSON 404) for anything else.
  return (request, reply) => (isPage(request) ? sendIndex(reply) : undefined);
}
