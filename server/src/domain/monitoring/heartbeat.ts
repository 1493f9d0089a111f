/**
 * A heartbeat's verdict at `now`: failing when the last call reported `fail`, or when nothing was heard for longer
 * than the period (counted from the monitor's creation or resumption until the first call).
 */
export function heartbeatVerdict(
  input: { lastHeartbeatAt: Date | null; lastHeartbeatFailed: boolean; periodSeconds: number; since: Date },
  now: Date,
): { ok: boolean; message: string } {
  const heardAt = input.lastHeartbeatAt ?? input.since;
  const silentMs = now.getTime() - heardAt.getTime();
  if (silentMs > input.periodSeconds * 1000) {
    const what = input.lastHeartbeatAt ? 'no heartbeat' : 'no heartbeat yet';
    return { ok: false, message: `${what} for ${Math.round(silentMs / 1000)} s (period ${input.periodSeconds} s)` };
  }
  if (input.lastHeartbeatAt && input.lastHeartbeatFailed) return { ok: false, message: 'the job reported a failure' };
  return input.lastHeartbeatAt
    ? { ok: true, message: `heartbeat ${Math.round(silentMs / 1000)} s ago` }
    : { ok: true, message: 'waiting for the first heartbeat' };
}
