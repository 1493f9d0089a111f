import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isForbiddenAddress, MAX_ANSWER_BYTES, parseIpv6, postWebhook } from './webhook-client.ts';

describe('webhook target guard', () => {
  it('refuses private, loopback, link-local and mapped addresses, allows public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
      expect(isForbiddenAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '2606:4700:4700::1111', '8.8.8.8']) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it.each([
    // IPv4 carried in IPv6, hex and dotted forms
    ['::ffff:7f00:1', 'IPv4-mapped loopback (hex)'],
    ['::ffff:0:7f00:1', 'SIIT ::ffff:0:0:0/96 loopback'],
    ['::ffff:0:127.0.0.1', 'SIIT, dotted'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::127.0.0.1', 'IPv4-compatible, dotted'],
    ['::a00:1', 'IPv4-compatible 10.0.0.1'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['64:ff9b::127.0.0.1', 'NAT64, dotted'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 169.254.169.254'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 10.0.0.1'],
    ['64:ff9b:1::808:808', 'local-use NAT64 prefix, whole /48'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2002:a00:1:1234::5', '6to4 of 10.0.0.1'],
    ['2001:0:7f00:1::1', 'Teredo with a loopback server'],
    ['[::FFFF:7F00:1]', 'bracketed, upper case'],
    ['0:0:0:0:0:ffff:7f00:1', 'uncompressed mapped loopback'],
    // Plain IPv6 ranges that stay blocked
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, uncompressed'],
    ['fc00::1', 'unique local'],
    ['fdff:ffff::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf::1', 'link-local, top of /10'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['not-an-ip', 'garbage'],
  ])('refuses %s (%s)', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    ['93.184.216.34', 'public IPv4'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2a00:1450:4001:80b::200e', 'public IPv6'],
    ['::ffff:808:808', 'mapped 8.8.8.8'],
    ['::ffff:8.8.8.8', 'mapped 8.8.8.8, dotted'],
    ['64:ff9b::808:808', 'NAT64 of 8.8.8.8'],
    ['2002:808:808::1', '6to4 of 8.8.8.8'],
    ['2001:4860:4860::8888', 'public, not Teredo'],
  ])('allows %s (%s)', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('parses IPv6 into 16 bytes', () => {
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(parseIpv6('2002:7f00:1::')).toEqual([0x20, 2, 0x7f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('::')).toEqual(Array(16).fill(0));
    expect(parseIpv6('1.2.3.4')).toBeUndefined();
  });

  it('refuses a loopback literal and a name resolving to loopback before connecting', async () => {
    expect((await postWebhook('http://127.0.0.1:9/x', '{}', {})).outcome).toBe('refused');
    expect((await postWebhook('http://localhost:9/x', '{}', {})).outcome).toBe('refused');
    expect((await postWebhook('http://[::1]:9/x', '{}', {})).outcome).toBe('refused');
  });
});

describe('webhook redirects', () => {
  // "localhost" stands for an allowed public-looking host: only it is on the allow-list. It answers with a redirect
  // to wherever the test says; the internal target counts the requests that reach it (none may).
  let internalHits = 0;
  let redirectTo = '';
  const internal = http.createServer((req, res) => {
    internalHits++;
    req.resume();
    res.end('ok');
  });
  const allowed = http.createServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: redirectTo }).end();
  });
  let internalPort = 0;
  let allowedPort = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    // No host: both IPv4 and IPv6 loopback, whichever "localhost" resolves to.
    await new Promise<void>((resolve) => allowed.listen(0, resolve));
    internalPort = (internal.address() as AddressInfo).port;
    allowedPort = (allowed.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => internal.close(resolve));
    await new Promise((resolve) => allowed.close(resolve));
  });

  it('refuses a redirect from an allowed host to a loopback address literal', async () => {
    redirectTo = `http://127.0.0.1:${internalPort}/hook`;
    const result = await postWebhook(`http://localhost:${allowedPort}/hook`, '{}', {}, { allowedHosts: ['localhost'] });
    expect(result.outcome).toBe('refused');
    expect(internalHits).toBe(0);
  });

  it('refuses a redirect to a name that resolves to loopback, checked after resolution', async () => {
    // Here the allowed first host is the literal; the redirect names "localhost", which is not on the list.
    redirectTo = `http://localhost:${internalPort}/hook`;
    const result = await postWebhook(`http://127.0.0.1:${allowedPort}/hook`, '{}', {}, { allowedHosts: ['127.0.0.1'] });
    expect(result.outcome).toBe('refused');
    expect(internalHits).toBe(0);
  });

  it('follows the redirect when the administrator allowed the target as well', async () => {
    redirectTo = `http://127.0.0.1:${internalPort}/hook`;
    const result = await postWebhook(
      `http://localhost:${allowedPort}/hook`,
      '{}',
      {},
      {
        allowedHosts: ['localhost', '127.0.0.1'],
      },
    );
    expect(result).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(internalHits).toBe(1);
  });
});

describe('webhook answer limits', () => {
  // The receivers listen on loopback, allowed by the administrator's list as above.
  let trickle: ReturnType<typeof setInterval> | undefined;
  let endlessClosed = false;
  const slow = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    trickle = setInterval(() => res.write('x'), 50);
    res.on('close', () => clearInterval(trickle));
  });
  const endless = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(16 * 1024, 'y');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => (endlessClosed = true));
    pump();
  });
  let slowPort = 0;
  let endlessPort = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    slowPort = (slow.address() as AddressInfo).port;
    endlessPort = (endless.address() as AddressInfo).port;
  });
  afterAll(async () => {
    slow.closeAllConnections();
    endless.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
    await new Promise((resolve) => endless.close(resolve));
  });

  it('gives up on a receiver that trickles its answer at the hard deadline, though it is never idle', async () => {
    const started = Date.now();
    const result = await postWebhook(
      `http://127.0.0.1:${slowPort}/hook`,
      '{}',
      {},
      { allowedHosts: ['127.0.0.1'], timeoutMs: 60_000, deadlineMs: 400 },
    );
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringContaining('400 ms') });
    // Far below the idle timeout, with room for a loaded machine: the deadline ended it, not the timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops reading an endless answer after the limit and drops the connection', async () => {
    expect(MAX_ANSWER_BYTES).toBe(64 * 1024);
    const result = await postWebhook(
      `http://127.0.0.1:${endlessPort}/hook`,
      '{}',
      {},
      { allowedHosts: ['127.0.0.1'], deadlineMs: 30_000 },
    );
    expect(result).toMatchObject({ outcome: 'delivered', status: 200 });
    await expect.poll(() => endlessClosed).toBe(true);
  });
});
