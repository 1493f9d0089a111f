import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';

/** What a path parameter names, so the isolation tests can put a foreign object's id there. */
export type FixtureKind =
  | 'ticket'
  | 'organisation'
  | 'person'
  | 'group'
  | 'category'
  | 'status'
  | 'attachment'
  | 'link'
  | 'apiToken'
  | 'notification'
  | 'calendar'
  | 'contract'
  | 'task'
  | 'mailbox'
  | 'inboundMessage'
  | 'outbox'
  | 'mailTemplateKey'
  | 'mailTemplateLanguage'
  | 'savedFilter'
  | 'monitor'
  | 'heartbeatSecret'
  | 'component'
  | 'componentGroup'
  | 'incident'
  | 'maintenance'
  | 'subscription';

export type RouteInput = {
  ctx: ServiceContext;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
};

/**
 * One row of the route table. The table drives registration, the OpenAPI document and the generated tenant
 * isolation tests, so a route added here is documented and tested for isolation the day it exists.
 */
export type RouteDef = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to /api/v1, fastify style: `/tickets/:id`. */
  url: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it (documentation and the isolation tests; the services enforce it). */
  access: 'public' | 'authenticated' | 'agent' | 'admin';
  params?: Record<string, FixtureKind>;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * A valid request body. It is the example in the OpenAPI document and what the generated isolation tests send,
   * so a write is tested for isolation with a body that passes validation. Strings `$ticket`, `$person`, … are
   * replaced by the isolation tests with the id of their own fixture of that kind.
   */
  example?: Record<string, unknown>;
  /** multipart/form-data upload with one `file` field. */
  upload?: boolean;
  response?: z.ZodType;
  /** 200 unless stated; 204 answers with no body. */
  status?: 200 | 201 | 202 | 204;
  /** Largest JSON body in bytes, when a route needs more than the app's default of 1 MiB. */
  bodyLimit?: number;
  /** Answers with a file, not JSON. */
  download?: boolean;
  /** Answers with a Server-Sent Events stream (`text/event-stream`) of this schema's items, not JSON. */
  stream?: z.ZodType;
  handler: (input: RouteInput) => Promise<unknown>;
};

export const route = (def: RouteDef): RouteDef => def;

/** A handler's answer with a status other than the route's usual one (e.g. 200 "already there" beside 201). */
export class Answer {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}
