import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from './monitor-checks.ts';

describe('TCP and TLS checks have a hard deadline', () => {
  // Accepts connections and never completes a TLS handshake: the trickling one sends the header of a 16 KB TLS
  // handshake record and then one byte of it every 20 ms, so the connection is never idle; the silent one sends nothing.
  const timers = new Set<ReturnType<typeof setInterval>>();
  const sockets = new Set<net.Socket>();
  const trickling = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.write(Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]));
    const timer = setInterval(() => socket.destroyed || socket.write(Buffer.from([0x00])), 20);
    timers.add(timer);
    socket.on('close', () => clearInterval(timer));
  });
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  let tricklingPort = 0;
  let silentPort = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => trickling.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    tricklingPort = (trickling.address() as AddressInfo).port;
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => trickling.close(resolve));
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    ['trickles bytes', () => tricklingPort],
    ['sends nothing', () => silentPort],
  ])('fails a TLS check at its timeout when the server %s', async (_, port) => {
    const started = performance.now();
    const result = await runProbe({ kind: 'tls', target: `127.0.0.1:${port()}`, timeoutMs: 300, settings: {} });
    const took = performance.now() - started;
    expect(result).toMatchObject({ ok: false, message: 'timed out after 300 ms' });
    // Not before the timeout, and not hanging on: the server never ends the handshake by itself.
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(10_000);
  });

  it('still passes a TCP check that connects', async () => {
    const result = await runProbe({ kind: 'tcp', target: `127.0.0.1:${silentPort}`, timeoutMs: 300, settings: {} });
    expect(result).toMatchObject({ ok: true, message: 'connected' });
  });
});
