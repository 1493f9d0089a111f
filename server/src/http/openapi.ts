import { ErrorBody } from '@loket/contract';
import { z } from 'zod';
import type { RouteDef } from './route.ts';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const ERRORS = {
  '400': 'The request is not valid (unknown fields included)',
  '401': 'Not logged in',
  '403': 'Not allowed for this role',
  '404': 'Not found, or not yours to see',
};

/** The OpenAPI 3.1 document, built from the same route table and contract schemas that serve the requests. */
export function buildOpenApiDocument(routes: readonly RouteDef[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/v1${r.url}`.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = Object.keys(r.params ?? {}).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      description: name === 'id' && r.params?.[name] === 'ticket' ? 'ticket id or reference' : undefined,
    }));
    if (r.query instanceof z.ZodObject) {
      for (const [name, field] of Object.entries(r.query.shape as Record<string, z.ZodType>)) {
        const schema = schemaOf(field, 'input');
        parameters.push({
          name,
          in: 'query',
          required: !field.safeParse(undefined).success,
          schema,
          description: field.description,
        });
      }
    }
    const status = String(r.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]:
        status === '204'
          ? { description: 'Done' }
          : r.stream
            ? {
                description: 'A stream of Server-Sent Events, each `data` one of these',
                content: { 'text/event-stream': { schema: schemaOf(r.stream, 'output') } },
              }
            : r.download
              ? {
                  description: 'The file',
                  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
                }
              : {
                  description: 'OK',
                  ...(r.response
                    ? { content: { 'application/json': { schema: schemaOf(r.response, 'output') } } }
                    : {}),
                },
    };
    for (const [code, description] of Object.entries(ERRORS)) {
      responses[code] = {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.url.replace(/[/:](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
      summary: r.summary,
      description: [r.description, `Access: ${r.access}.`].filter(Boolean).join('\n\n'),
      tags: [r.tag],
      parameters,
      responses,
      security: r.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
    };
    if (r.body) {
      const example = r.example ? { example: r.example } : {};
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input'), ...example } },
      };
      if (r.method === 'POST') {
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 200 },
          description: 'Send the same key again to get the first result again instead of a second effect.',
        });
      }
    }
    if (r.upload) {
      operation.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
          },
        },
      };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Loket API',
      version: info.version,
      description:
        'The REST API of Loket, the service desk for IT service providers. Log in with `POST /api/v1/auth/login` ' +
        '(a session cookie) or send `Authorization: Bearer <token>` with an API token from `POST /api/v1/auth/tokens`.',
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Error: schemaOf(ErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'loket_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
