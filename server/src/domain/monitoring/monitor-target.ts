export type MonitorKindName = 'http' | 'tcp' | 'dns' | 'tls' | 'heartbeat';

/** `host:port`, `[v6]:port`; the port 1..65535. */
export function parseHostPort(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:/[\]]+)):(\d{1,5})$/.exec(target.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) return null;
  return { host: (match[1] ?? match[2])!, port };
}

/**
 * What is wrong with a monitor's target for its kind, or null. Internal and loopback addresses are allowed on
 * purpose: only administrators create monitors, and watching internal services is what monitoring is for.
 */
export function targetProblem(
  kind: MonitorKindName,
  target: string,
  heartbeatPeriodSeconds?: number | null,
): string | null {
  switch (kind) {
    case 'http': {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return 'an http monitor needs an absolute http:// or https:// URL';
      }
      return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'only http:// and https:// URLs';
    }
    case 'tcp':
    case 'tls':
      return parseHostPort(target) ? null : `a ${kind} monitor needs host:port`;
    case 'dns':
      return /^[A-Za-z0-9_.-]{1,253}$/.test(target) ? null : 'a dns monitor needs a host name';
    case 'heartbeat':
      if (target !== '') return 'a heartbeat has no target: the job calls its URL';
      return heartbeatPeriodSeconds ? null : 'a heartbeat needs heartbeatPeriodSeconds';
  }
}
