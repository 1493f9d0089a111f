import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Outbound webhooks, made on a tenant's behalf: the target must not be a private, loopback, link-local or otherwise
 * internal address. The check runs on the addresses DNS actually returns, inside the connection's own lookup (so a
 * name cannot resolve to a public address for the check and a private one for the connection), for IP literals
 * before connecting, and again on every redirect. Hosts an administrator allows are exempt.
 */

const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['100::', 64],
  ['64:ff9b:1::', 48],
  ['2001:db8::', 32],
] as const) {
  BLOCKED.addSubnet(prefix, bits, 'ipv6');
}

/** The 16 bytes of an IPv6 address (a trailing dotted IPv4 part allowed), or undefined when it is not one. */
export function parseIpv6(address: string): number[] | undefined {
  if (net.isIP(address) !== 6) return undefined;
  let text = address;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    text = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
    tail.push(...dotted[2]!.split('.').map(Number));
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const halves = text.split('::');
  const head = groups(halves[0]!);
  const rest = halves.length > 1 ? groups(halves[1]!) : [];
  const missing = 8 - tail.length / 2 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const words = [...head, ...Array<number>(missing).fill(0), ...rest];
  const bytes = words.flatMap((w) => [w >> 8, w & 255]);
  bytes.push(...tail);
  return bytes.length === 16 ? bytes : undefined;
}

const ipv4At = (bytes: number[], at: number) => bytes.slice(at, at + 4).join('.');
const zero = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

/**
 * The IPv4 addresses an IPv6 address carries and that a translator, tunnel or dual stack may deliver to:
 * IPv4-mapped ::ffff:0:0/96, SIIT ::ffff:0:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96 (and the rest of
 * 64:ff9b::/32), 6to4 2002::/16 and Teredo 2001::/32 (server and de-obfuscated client address). The local-use
 * NAT64 prefix 64:ff9b:1::/48 is blocked whole: it only exists inside the operator's own network.
 */
function embeddedIpv4(b: number[]): string[] {
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return [ipv4At(b, 12)];
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zero(b, 10, 12)) return [ipv4At(b, 12)];
  if (zero(b, 0, 12)) return [ipv4At(b, 12)];
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    return [ipv4At(b, 12)];
  }
  if (b[0] === 0x20 && b[1] === 0x02) return [ipv4At(b, 2)];
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    return [
      ipv4At(b, 4),
      b
        .slice(12, 16)
        .map((x) => x ^ 255)
        .join('.'),
    ];
  }
  return [];
}

/**
 * Whether an IP address is one a tenant's webhook may not reach. An IPv6 address that carries an IPv4 address
 * (mapped, translated, 6to4, Teredo, in dotted or hex form) is judged by that IPv4 address as well.
 */
export function isForbiddenAddress(address: string): boolean {
  const bare = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const family = net.isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  const bytes = family === 6 ? parseIpv6(bare) : undefined;
  if (!bytes) return true;
  if (embeddedIpv4(bytes).some((v4) => BLOCKED.check(v4, 'ipv4'))) return true;
  return BLOCKED.check(bare, 'ipv6');
}

export class RefusedTarget extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTarget';
  }
}

export type WebhookResult =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'refused'; error: string }
  | { outcome: 'failed'; error: string; status?: number };

export type WebhookOptions = {
  /** Host names or IP addresses (lower case) an administrator allows although they are internal. */
  allowedHosts?: readonly string[];
  /** Idle timeout: no byte for this long fails the attempt. */
  timeoutMs?: number;
  /** Hard limit on one attempt (connect, send, answer and its body), whatever the receiver trickles. */
  deadlineMs?: number;
  maxRedirects?: number;
};

type LookupCallback = (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses forbidden addresses after resolution. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) return callback(new RefusedTarget(`${hostname} resolves to ${bad.address}, an internal address`), '');
    if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '');
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** How much of an answer's body is read (and thrown away) before the connection is dropped. */
export const MAX_ANSWER_BYTES = 64 * 1024;

function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  allowed: boolean,
  timeoutMs: number,
  deadlineMs: number,
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // A hard limit on the whole attempt: an idle timeout alone lets a receiver trickle a byte at a time forever.
    const deadline = setTimeout(
      () => request.destroy(new Error(`no complete answer within ${deadlineMs} ms`)),
      deadlineMs,
    );
    const settle =
      <T>(fn: (value: T) => void) =>
      (value: T) => {
        clearTimeout(deadline);
        fn(value);
      };
    const done = settle(resolve);
    const fail = settle(reject);
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
        ...(allowed ? {} : { lookup: guardedLookup as never }),
      },
      (response) => {
        const answer = { status: response.statusCode ?? 0, location: response.headers.location };
        // The body is not needed: drain it so the socket is freed, but only so far; past that, drop the connection.
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) {
            done(answer);
            request.destroy();
          }
        });
        response.on('end', () => done(answer));
        response.on('error', fail);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', fail);
    request.end(body);
  });
}

/**
 * POSTs a JSON body, following up to `maxRedirects` redirects (each target checked again, the body posted again).
 * A 2xx answer is delivered; an internal target is refused (not worth retrying); anything else failed.
 */
export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: WebhookOptions = {},
): Promise<WebhookResult> {
  const allowedHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadlineMs = options.deadlineMs ?? 10_000;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { outcome: 'refused', error: 'not a URL' };
  }
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { outcome: 'refused', error: 'not http(s)' };
    if (url.username || url.password) return { outcome: 'refused', error: 'credentials in the URL' };
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const allowed = allowedHosts.has(host);
    if (!allowed && net.isIP(host) && isForbiddenAddress(host)) {
      return { outcome: 'refused', error: `${host} is an internal address` };
    }
    try {
      const answer = await postOnce(url, body, headers, allowed, timeoutMs, deadlineMs);
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        url = new URL(answer.location, url);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return { outcome: 'delivered', status: answer.status };
      return { outcome: 'failed', status: answer.status, error: `HTTP ${answer.status}` };
    } catch (error) {
      if (error instanceof RefusedTarget) return { outcome: 'refused', error: error.message };
      return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { outcome: 'failed', error: 'too many redirects' };
}

/**
 * The signature headers: `X-Loket-Timestamp` (Unix seconds) and `X-Loket-Signature: sha256=<hex>`, the HMAC-SHA256
 * of `${timestamp}.${body}` under the subscription's secret. Receivers recompute it and reject old timestamps.
 */
export function signWebhook(secret: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-loket-timestamp': timestamp, 'x-loket-signature': `sha256=${signature}` };
}
