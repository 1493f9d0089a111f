import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, toQueryString } from './api-client.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function clientAnswering(response: Response | Error) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response.clone();
  });
  return { fetch, api: createApiClient({ fetch: fetch as unknown as typeof globalThis.fetch }) };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('api client', () => {
  it("maps the server's error body to an ApiError with its code, message and issues", async () => {
    const { api } = clientAnswering(
      json(400, {
        error: { code: 'invalid', message: 'subject: Required', issues: [{ path: 'subject', message: 'Required' }] },
      }),
    );
    const error = await caught(api.getTicket('LK-1'));
    expect(error).toMatchObject({ code: 'invalid', status: 400, message: 'subject: Required' });
    expect(error.issues).toEqual([{ path: 'subject', message: 'Required' }]);
  });

  it("maps a 404 for another organisation's ticket to not_found", async () => {
    const { api } = clientAnswering(json(404, { error: { code: 'not_found', message: 'No such ticket' } }));
    expect(await caught(api.getTicket('x'))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('falls back to the HTTP status when the body is not ours (a proxy in between)', async () => {
    const { api } = clientAnswering(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await caught(api.me())).toMatchObject({ code: 'internal', status: 502 });
    const limited = clientAnswering(new Response('', { status: 429 }));
    expect(await caught(limited.api.me())).toMatchObject({ code: 'rate_limited', status: 429 });
    const odd = clientAnswering(json(401, { error: { code: 'teapot', message: '?' } }));
    expect(await caught(odd.api.me())).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('reports a request that got no answer as network', async () => {
    const { api } = clientAnswering(new TypeError('Failed to fetch'));
    expect(await caught(api.me())).toMatchObject({ code: 'network', status: 0 });
  });

  it('sends JSON to the same origin with the session cookie, and reads 204 as nothing', async () => {
    const { api, fetch } = clientAnswering(new Response(null, { status: 204 }));
    await expect(api.logout()).resolves.toBeUndefined();
    const patch = clientAnswering(json(200, { id: 'p1', language: 'sv' }));
    await patch.api.updateMe({ language: 'sv' });
    expect(patch.fetch).toHaveBeenCalledWith('/api/v1/auth/me', {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"language":"sv"}',
    });
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/logout', expect.objectContaining({ method: 'POST' }));
  });

  it("writes list filters in the contract's comma-separated form and encodes ids", async () => {
    const { api, fetch } = clientAnswering(json(200, { items: [], nextCursor: null }));
    await api.listTickets({ statusKind: ['new', 'open'], q: 'vpn drops', limit: 25, cursor: undefined });
    expect(fetch.mock.calls[0]![0]).toBe('/api/v1/tickets?statusKind=new%2Copen&q=vpn+drops&limit=25');
    await api.listArticles('LK/26 1');
    expect(fetch.mock.calls[1]![0]).toBe('/api/v1/tickets/LK%2F26%201/articles');
  });

  it('leaves empty query values out', () => {
    expect(toQueryString({ a: '', b: undefined, c: [], d: 0 })).toBe('?d=0');
    expect(toQueryString({})).toBe('');
  });
});
