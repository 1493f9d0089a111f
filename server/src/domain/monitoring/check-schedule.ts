/**
 * Where in its interval a monitor is checked: a stable hash of its id, so 2,000 monitors at 60 s are spread over the
 * minute (about 33 a second) instead of all firing together, and a monitor keeps its slot across restarts.
 */
export function phaseFor(monitorId: string, intervalSeconds: number): number {
  // FNV-1a over the id's characters: cheap, stable and well spread for uuids.
  let hash = 0x811c9dc5;
  for (let i = 0; i < monitorId.length; i++) {
    hash ^= monitorId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % (intervalSeconds * 1000);
}

/**
 * The first slot of a monitor strictly after `now`: instants `phaseMs + k × interval` since the epoch. Checking on
 * fixed slots (not "last check + interval") keeps the spread and never drifts however late a check ran; a worker
 * that was away skips the missed slots instead of firing them all at once.
 */
export function nextCheckAfter(now: Date, intervalSeconds: number, phaseMs: number): Date {
  const interval = intervalSeconds * 1000;
  const k = Math.floor((now.getTime() - phaseMs) / interval) + 1;
  return new Date(k * interval + phaseMs);
}
