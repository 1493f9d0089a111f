import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error.ts';
import { authenticate } from '../services/auth/authenticate.ts';
import { type ServiceDeps, withActor } from '../services/context.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from '../services/idempotency/idempotency-keys.ts';
import { sendError } from './error-response.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { Answer, type RouteDef } from './route.ts';
import { ROUTES } from './route-table.ts';

import { SESSION_COOKIE } from './session-cookie.ts';
import { registerStatusPages } from './status-pages.ts';
import { hasWebApp, registerWebApp } from './web-app.ts';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AppOptions = {
  deps: ServiceDeps;
  logger?: Logger | false;
  version?: string;
  /** The built web app (web/dist), served at / when it holds an index.html; without it / leads to the API reference. */
  webDir?: string;
};

/** The HTTP app without listening: main.ts listens, tests inject. */
export async function buildApp({
  deps,
  logger = false,
  version = '0.1.0',
  webDir,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger || undefined,
    logger: logger ? undefined : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  } as never) as unknown as FastifyInstance;

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.attachmentMaxBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    mode: 'static',
    specification: { document: buildOpenApiDocument(ROUTES, { version, serverUrl: deps.config.publicUrl }) as never },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { deepLinking: true } });

  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  const webApp = hasWebApp(webDir) ? await registerWebApp(app, webDir) : undefined;
  app.setNotFoundHandler(
    (request, reply) =>
      webApp?.(request, reply) ?? sendError(request, reply, new AppError('not_found', 'No such route')),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.get('/api/v1/openapi.json', async () => app.swagger());
  if (!webApp) app.get('/', async (_request, reply) => reply.redirect('/api/v1/docs'));

  for (const def of ROUTES) registerRoute(app, deps, def);
  await registerStatusPages(app, deps);
  return app;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>"');
  return match[1];
}

/**
 * State changes from a browser must come from our own pages: when an Origin is sent, it must be ours. That covers
 * cookie-authenticated writes and the login itself (no logging a victim into an attacker's account). Clients
 * that are not browsers send no Origin.
 */
function checkOrigin(deps: ServiceDeps, request: FastifyRequest) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (!origin) return;
  const allowed = new Set([new URL(deps.config.publicUrl).origin, `${request.protocol}://${request.host}`]);
  if (!allowed.has(origin)) throw new AppError('forbidden', 'Cross-origin request refused');
}

function registerRoute(app: FastifyInstance, deps: ServiceDeps, def: RouteDef) {
  app.route({
    method: def.method,
    url: `/api/v1${def.url}`,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = await authenticate(deps, {
        sessionToken: request.cookies[SESSION_COOKIE],
        bearerToken: bearerOf(request),
      });
      checkOrigin(deps, request);
      const ctx = withActor(deps, actor);
      const input = {
        ctx,
        params: request.params as Record<string, string>,
        query: request.query,
        body: request.body,
        request,
        reply,
      };
      const key = request.headers['idempotency-key'];
      // JSON POSTs only, as the OpenAPI document says: an upload's body is a stream the key could not be checked against.
      if (def.method === 'POST' && def.body && typeof key === 'string' && actor.kind === 'person') {
        const client = { clientId: actor.personId, key };
        const claim = await claimIdempotencyKey(deps, {
          ...client,
          method: def.method,
          url: request.url,
          body: request.body,
        });
        if (claim.state === 'replay') {
          return reply
            .status(claim.statusCode)
            .header('Idempotent-Replayed', 'true')
            .type('application/json')
            .send(claim.body);
        }
        try {
          const result = await def.handler(input);
          const status = result instanceof Answer ? result.status : (def.status ?? 200);
          const body = JSON.stringify((result instanceof Answer ? result.body : result) ?? null);
          await completeIdempotencyKey(deps, { ...client, statusCode: status, body });
          return reply.status(status).type('application/json; charset=utf-8').send(body);
        } catch (error) {
          await releaseIdempotencyKey(deps, client);
          throw error;
        }
      }
      const result = await def.handler(input);
      if (def.download || reply.sent) return reply;
      if (result instanceof Answer) return reply.status(result.status).send(result.body);
      if (def.status === 204) return reply.status(204).send();
      return reply.status(def.status ?? 200).send(result);
    },
  });
}
