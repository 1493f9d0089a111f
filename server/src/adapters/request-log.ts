/** The request fields a log line shows (fastify's default `req` serializer, with secrets masked). */
type LoggedRequest = {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number } | null;
};

const MASK = '***';
/** Paths whose last segment is a secret (a heartbeat monitor's ping URL). */
const SECRET_PATH = /^(\/api\/v1\/heartbeats\/)[^/?#]+/;
/** Query parameters that carry a secret on any path (status subscription confirm/unsubscribe links …). */
const SECRET_QUERY = /([?&](?:token|secret)=)[^&#]*/gi;

/** A URL as it may be logged: secret path segments and `token`/`secret` query values replaced by `***`. */
export function maskUrl(url: string): string {
  return url.replace(SECRET_PATH, `$1${MASK}`).replace(SECRET_QUERY, `$1${MASK}`);
}

/** pino `req` serializer for fastify's request log lines; fastify uses a logger instance's own serializers. */
export function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? maskUrl(req.url) : req.url,
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
