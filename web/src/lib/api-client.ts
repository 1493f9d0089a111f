import {
  type ArticleList,
  ErrorBody,
  type ErrorCode,
  type ListOrganisationsQuery,
  type ListTicketsQuery,
  type LoginInput,
  type Me,
  type Organisation,
  type StatusList,
  type Ticket,
  type UpdateMeInput,
} from '@loket/contract';

// The one way the web app talks to the server: typed by the contract's schemas, same-origin, cookie session.
// Responses are trusted to match their contract type (the server parses and serializes them); error bodies are
// checked, because they may also come from a proxy in between.

/** A page of a cursor-paginated list (`Page(...)` in the contract). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** The server's closed error codes, plus `network` when no answer arrived at all. */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly issues: { path: string; message: string }[];

  constructor(code: ApiErrorCode, message: string, status: number, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}

/** The code an HTTP status stands for when the body is not ours (a proxy's error page, an empty 502). */
export function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'invalid',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'payload_too_large',
    429: 'rate_limited',
  };
  return byStatus[status] ?? (status >= 400 && status < 500 ? 'invalid' : 'internal');
}

/** An ApiError from a response that is not OK: the server's `{error:{code,message,issues}}`, else by status. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiError(code, message, response.status, issues);
  }
  return new ApiError(codeForStatus(response.status), `HTTP ${response.status}`, response.status);
}

type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** `?a=1&list=x,y` — lists as the contract's comma-separated form; empty values are left out. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type ApiClientOptions = { baseUrl?: string; fetch?: typeof fetch };

export type TicketQuery = Partial<Omit<ListTicketsQuery, 'assigneeId' | 'groupId'>> & {
  assigneeId?: ListTicketsQuery['assigneeId'];
  groupId?: ListTicketsQuery['groupId'];
};

export function createApiClient({ baseUrl = '/api/v1', fetch: doFetch = globalThis.fetch }: ApiClientOptions = {}) {
  async function request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    options: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${toQueryString(options.query)}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      throw new ApiError('network', error instanceof Error ? error.message : 'network error', 0);
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const id = (value: string) => encodeURIComponent(value);

  return {
    request,
    login: (input: LoginInput) => request<Me>('POST', '/auth/login', { body: input }),
    logout: () => request<void>('POST', '/auth/logout'),
    me: () => request<Me>('GET', '/auth/me'),
    updateMe: (input: UpdateMeInput) => request<Me>('PATCH', '/auth/me', { body: input }),
    listTickets: (query: TicketQuery = {}) => request<Page<Ticket>>('GET', '/tickets', { query }),
    getTicket: (ticketId: string) => request<Ticket>('GET', `/tickets/${id(ticketId)}`),
    listArticles: (ticketId: string) => request<ArticleList>('GET', `/tickets/${id(ticketId)}/articles`),
    listStatuses: () => request<StatusList>('GET', '/statuses'),
    listOrganisations: (query: Partial<ListOrganisationsQuery> = {}) =>
      request<Page<Organisation>>('GET', '/organisations', { query }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client: same origin, the session cookie goes along. */
export const api = createApiClient();
