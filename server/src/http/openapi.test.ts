import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { ROUTES } from './route-table.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the API reference', () => {
  it('serves an OpenAPI 3.1 document with every route of the table, its schemas and examples', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const path = `/api/v1${r.url}`.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[r.method.toLowerCase()];
      expect(operation, `${r.method} ${path}`).toBeDefined();
      if (r.example) expect(operation!.requestBody!.content['application/json']!.example).toEqual(r.example);
    }
    expect(doc.paths['/api/v1/tickets']!.post!.requestBody).toBeDefined();
  });

  it('serves the browsable reference page', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
