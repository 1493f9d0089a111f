import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { readJsonPath } from '../domain/monitoring/json-path.ts';
import { parseHostPort } from '../domain/monitoring/monitor-target.ts';

export type ProbeSpec = {
  kind: 'http' | 'tcp' | 'dns' | 'tls';
  target: string;
  timeoutMs: number;
  settings: {
    expectedStatusCodes?: number[] | undefined;
    keyword?: string | undefined;
    jsonPath?: string | undefined;
    jsonExpected?: string | undefined;
    maxResponseMs?: number | undefined;
    dnsRecordType?: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | undefined;
    dnsExpected?: string | undefined;
    tlsMinDaysLeft?: number | undefined;
  };
};

export type ProbeResult = { ok: boolean; latencyMs: number | null; message: string };

const DAY_MS = 86_400_000;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One outbound check. Never throws: every failure (refused, timed out, wrong answer) is a result with a message.
 * Targets may be internal or loopback addresses on purpose — only administrators create monitors.
 */
export async function runProbe(spec: ProbeSpec, now: () => Date = () => new Date()): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    switch (spec.kind) {
      case 'http':
        return await probeHttp(spec, elapsed);
      case 'tcp':
        return await probeTcp(spec, elapsed);
      case 'dns':
        return await probeDns(spec, elapsed);
      case 'tls':
        return await probeTls(spec, elapsed, now);
    }
  } catch (error) {
    return { ok: false, latencyMs: null, message: describeError(error, spec.timeoutMs) };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = (error as { code?: string }).code ?? cause?.code;
    const text = cause?.message ?? error.message;
    return (code && !text.includes(code) ? `${code}: ${text}` : text).slice(0, 500);
  }
  return String(error).slice(0, 500);
}

function slowerThanAllowed(spec: ProbeSpec, latencyMs: number): string | null {
  const limit = spec.settings.maxResponseMs;
  return limit !== undefined && latencyMs > limit
    ? `responded in ${latencyMs} ms, above the limit of ${limit} ms`
    : null;
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function probeHttp(spec: ProbeSpec, elapsed: () => number): Promise<ProbeResult> {
  const { settings } = spec;
  const signal = AbortSignal.timeout(spec.timeoutMs);
  const response = await fetch(spec.target, {
    signal,
    redirect: 'follow',
    headers: { 'user-agent': 'Loket-Monitor/1', accept: '*/*' },
  });
  const needsBody = settings.keyword !== undefined || settings.jsonPath !== undefined;
  const body = needsBody ? await readLimited(response) : (await response.body?.cancel(), '');
  const latencyMs = elapsed();
  const codes = settings.expectedStatusCodes;
  const statusOk = codes ? codes.includes(response.status) : response.status >= 200 && response.status < 400;
  if (!statusOk) return { ok: false, latencyMs, message: `HTTP ${response.status}` };
  if (settings.keyword !== undefined && !body.includes(settings.keyword)) {
    return { ok: false, latencyMs, message: `HTTP ${response.status}, keyword "${settings.keyword}" not found` };
  }
  if (settings.jsonPath !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return { ok: false, latencyMs, message: `HTTP ${response.status}, the body is not JSON` };
    }
    const value = readJsonPath(document, settings.jsonPath);
    if (value === undefined) return { ok: false, latencyMs, message: `${settings.jsonPath} not found` };
    if (settings.jsonExpected !== undefined && value !== settings.jsonExpected) {
      return {
        ok: false,
        latencyMs,
        message: `${settings.jsonPath} is ${value.slice(0, 100)}, expected ${settings.jsonExpected}`,
      };
    }
  }
  const slow = slowerThanAllowed(spec, latencyMs);
  if (slow) return { ok: false, latencyMs, message: slow };
  return { ok: true, latencyMs, message: `HTTP ${response.status}` };
}

/**
 * Waits for a socket check to settle: `judge` gives the result once `event` fires; an error or the time limit gives a
 * failure. The socket is destroyed either way.
 */
function settleSocket(
  socket: net.Socket,
  event: 'connect' | 'secureConnect',
  timeoutMs: number,
  judge: () => ProbeResult,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const finish = (result: ProbeResult) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve(result);
    };
    const timedOut = () => finish({ ok: false, latencyMs: null, message: `timed out after ${timeoutMs} ms` });
    // A hard limit on the whole check: the idle timeout alone never fires for a peer that trickles bytes.
    const deadline = setTimeout(timedOut, timeoutMs);
    socket.setTimeout(timeoutMs, timedOut);
    socket.once(event, () => finish(judge()));
    socket.once('error', (error) => finish({ ok: false, latencyMs: null, message: describeError(error, timeoutMs) }));
  });
}

function probeTcp(spec: ProbeSpec, elapsed: () => number): Promise<ProbeResult> {
  const address = parseHostPort(spec.target);
  if (!address) return Promise.resolve({ ok: false, latencyMs: null, message: 'not host:port' });
  const socket = net.connect({ host: address.host, port: address.port });
  return settleSocket(socket, 'connect', spec.timeoutMs, () => {
    const latencyMs = elapsed();
    const slow = slowerThanAllowed(spec, latencyMs);
    return slow ? { ok: false, latencyMs, message: slow } : { ok: true, latencyMs, message: 'connected' };
  });
}

async function probeDns(spec: ProbeSpec, elapsed: () => number): Promise<ProbeResult> {
  const type = spec.settings.dnsRecordType ?? 'A';
  const resolver = new Resolver({ timeout: spec.timeoutMs, tries: 1 });
  const host = spec.target;
  let values: string[];
  switch (type) {
    case 'A':
      values = await resolver.resolve4(host);
      break;
    case 'AAAA':
      values = await resolver.resolve6(host);
      break;
    case 'CNAME':
      values = await resolver.resolveCname(host);
      break;
    case 'MX':
      values = (await resolver.resolveMx(host)).map((r) => r.exchange);
      break;
    case 'TXT':
      values = (await resolver.resolveTxt(host)).map((parts) => parts.join(''));
      break;
  }
  const latencyMs = elapsed();
  const expected = spec.settings.dnsExpected;
  const normal = (v: string) => v.toLowerCase().replace(/\.$/, '');
  if (expected !== undefined && !values.some((v) => normal(v) === normal(expected))) {
    return { ok: false, latencyMs, message: `${type} ${values.join(', ').slice(0, 300)}; expected ${expected}` };
  }
  if (values.length === 0) return { ok: false, latencyMs, message: `no ${type} record` };
  return { ok: true, latencyMs, message: `${type} ${values.join(', ').slice(0, 300)}` };
}

/**
 * The certificate's expiry is what is checked: the handshake accepts any certificate so an expired or untrusted one
 * can still be read; whether it is trusted is reported in the message, not judged.
 */
function probeTls(spec: ProbeSpec, elapsed: () => number, now: () => Date): Promise<ProbeResult> {
  const address = parseHostPort(spec.target);
  if (!address) return Promise.resolve({ ok: false, latencyMs: null, message: 'not host:port' });
  const minDays = spec.settings.tlsMinDaysLeft ?? 14;
  const socket = tls.connect({
    host: address.host,
    port: address.port,
    servername: net.isIP(address.host) ? undefined : address.host,
    rejectUnauthorized: false,
  });
  return settleSocket(socket, 'secureConnect', spec.timeoutMs, () => {
    const latencyMs = elapsed();
    const certificate = socket.getPeerCertificate();
    if (!certificate?.valid_to) return { ok: false, latencyMs, message: 'no certificate presented' };
    const expiresAt = new Date(certificate.valid_to);
    const daysLeft = Math.floor((expiresAt.getTime() - now().getTime()) / DAY_MS);
    const trust = socket.authorized ? 'trusted' : `not trusted: ${String(socket.authorizationError)}`;
    const expiry = `expires ${expiresAt.toISOString()}`;
    if (expiresAt.getTime() <= now().getTime()) {
      return { ok: false, latencyMs, message: `certificate expired (${expiry}; ${trust})` };
    }
    if (daysLeft < minDays) {
      return {
        ok: false,
        latencyMs,
        message: `certificate ${expiry}, ${daysLeft} days left (minimum ${minDays}; ${trust})`,
      };
    }
    return { ok: true, latencyMs, message: `certificate ${expiry}, ${daysLeft} days left (${trust})` };
  });
}
