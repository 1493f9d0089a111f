import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/app-error.ts';
import { authenticate } from '../services/auth/authenticate.ts';
import { type ServiceDeps, withActor } from '../services/context.ts';
import { confirmSubscription } from '../services/status/confirm-subscription.ts';
import { getMyStatusView, getPublicStatusView } from '../services/status/get-my-status-view.ts';
import type { StatusView } from '../services/status/status-view-cache.ts';
import { unsubscribe } from '../services/status/unsubscribe.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { renderAtom, renderIcs, renderRss } from './status/render-status-feeds.ts';
import { STATUS_CSS, escapeHtml, renderStatusHtml } from './status/render-status-html.ts';
import { pickLanguage } from './status/status-text.ts';
import { V2_DOCUMENTS } from './status/statuspage-v2.ts';

/** No script, no inline style, no framing; forms post only to us. */
const HTML_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const PUBLIC_CACHE = 'public, max-age=30';

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  rendered: { body: Buffer; etag: string },
  type: string,
  cacheControl: string,
) {
  reply.header('ETag', rendered.etag).header('Cache-Control', cacheControl).header('Vary', 'Accept-Language, Cookie');
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === rendered.etag)) {
    return reply.status(304).send();
  }
  return reply.type(type).send(rendered.body);
}

function simplePage(
  reply: FastifyReply,
  status: number,
  title: string,
  body: string,
  form?: { token: string; button: string },
) {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/status/status.css"></head><body><main><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(body)}</p>` +
    (form
      ? `<form method="post"><input type="hidden" name="token" value="${escapeHtml(form.token)}"><button type="submit">${escapeHtml(form.button)}</button></form>`
      : '') +
    `<p><a href="/status">Status page</a></p></main></body></html>`;
  return reply.status(status).header('Content-Security-Policy', HTML_CSP).type('text/html; charset=utf-8').send(html);
}

/**
 * The public status pages, outside /api/v1: `/status` (HTML, no JavaScript), `/status/mine` (a logged-in person's
 * view), feeds, and the Statuspage v2 JSON at /api/v2. Everything is rendered once per change from the in-process
 * cache and served with a strong ETag; a matching If-None-Match is answered 304.
 */
export async function registerStatusPages(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const anonymous = withActor(deps, { kind: 'anonymous' });
  const base = deps.config.publicUrl;
  const host = new URL(base).hostname || 'localhost';

  app.get('/status/status.css', async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=86400').type('text/css; charset=utf-8').send(STATUS_CSS),
  );
  app.get('/status', async (request, reply) => {
    const lang = pickLanguage(request.headers['accept-language']);
    const view = await getPublicStatusView(anonymous);
    reply.header('Content-Security-Policy', HTML_CSP);
    return send(
      request,
      reply,
      view.render(`html:${lang}`, (s) => renderStatusHtml(s, lang, { mine: false })),
      'text/html; charset=utf-8',
      PUBLIC_CACHE,
    );
  });
  app.get('/status/mine', async (request, reply) => {
    let view: StatusView;
    try {
      const actor = await authenticate(deps, { sessionToken: request.cookies[SESSION_COOKIE], bearerToken: undefined });
      view = await getMyStatusView(withActor(deps, actor));
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') return reply.redirect('/status');
      throw error;
    }
    const lang = pickLanguage(request.headers['accept-language']);
    reply.header('Content-Security-Policy', HTML_CSP);
    return send(
      request,
      reply,
      view.render(`html-mine:${lang}`, (s) => renderStatusHtml(s, lang, { mine: true })),
      'text/html; charset=utf-8',
      'private, no-cache',
    );
  });
  const feeds = [
    ['/status/feed.rss', 'rss', 'application/rss+xml; charset=utf-8', renderRss],
    ['/status/feed.atom', 'atom', 'application/atom+xml; charset=utf-8', renderAtom],
    ['/status/maintenance.ics', 'ics', 'text/calendar; charset=utf-8', (s, b) => renderIcs(s, b, host)],
  ] as const satisfies readonly (readonly [string, string, string, (s: never, b: string) => string])[];
  for (const [url, format, type, render] of feeds) {
    app.get(url, async (request, reply) => {
      const view = await getPublicStatusView(anonymous);
      return send(
        request,
        reply,
        view.render(format, (s) => render(s as never, base)),
        type,
        PUBLIC_CACHE,
      );
    });
  }
  for (const [name, make] of Object.entries(V2_DOCUMENTS)) {
    app.get(`/api/v2/${name}`, async (request, reply) => {
      const view = await getPublicStatusView(anonymous);
      reply.header('Access-Control-Allow-Origin', '*');
      return send(
        request,
        reply,
        view.render(`v2:${name}`, (s) => JSON.stringify(make(s, base))),
        'application/json; charset=utf-8',
        PUBLIC_CACHE,
      );
    });
  }

  // The links in subscription mail: a GET shows a button (mail scanners follow links; only a person presses it).
  // A POST acts: the button's form, or a mail provider's RFC 8058 one-click POST (`List-Unsubscribe=One-Click`,
  // urlencoded or multipart, no cookie or Origin), which carries the token only in the URL.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const tokenOf = (value: unknown) =>
      typeof value === 'object' && value && 'token' in value ? String(value.token) : '';
    const pages = [
      [
        '/status/confirm',
        'Confirm subscription',
        'Press the button to confirm your subscription.',
        'Confirm',
        'Your subscription is confirmed.',
        confirmSubscription,
      ],
      [
        '/status/unsubscribe',
        'Unsubscribe',
        'Press the button to stop receiving status updates.',
        'Unsubscribe',
        'You are unsubscribed.',
        unsubscribe,
      ],
    ] as const;
    for (const [url, title, ask, button, done, verb] of pages) {
      scope.get(url, async (request, reply) =>
        simplePage(reply, 200, title, ask, { token: tokenOf(request.query), button }),
      );
      scope.post(url, async (request, reply) => {
        try {
          await verb({ ctx: anonymous, input: { token: tokenOf(request.body) || tokenOf(request.query) } });
          return simplePage(reply, 200, title, done);
        } catch (error) {
          if (error instanceof AppError && (error.code === 'not_found' || error.code === 'invalid')) {
            return simplePage(reply, 404, title, 'This link is not valid (any more).');
          }
          throw error;
        }
      });
    }
  });
}
