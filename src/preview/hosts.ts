import { isIP } from 'node:net';

/** Addresses that mean "every interface": the preview is then reached by the machine's own IP addresses. */
const ANY_INTERFACE = new Set(['0.0.0.0', '::']);

/**
 * Which Host headers the preview answers: its own address and port, `localhost`, and (when it
 * listens on every interface) any IP address. A page from another site that points its own
 * name at this machine (DNS rebinding) sends its name, never one of these, and is refused.
 */
export function hostChecker(listenHost: string, port: number): (header: string | undefined) => boolean {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', bracketed(listenHost)]);
  return (header) => {
    if (header === undefined) return false;
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(header.trim().toLowerCase());
    if (match === null || Number(match[2] ?? 80) !== port) return false;
    const name = match[1] ?? '';
    return names.has(name) || (ANY_INTERFACE.has(listenHost) && isIP(name.replace(/^\[|\]$/g, '')) !== 0);
  };
}

/** How a host is written in a URL: IPv6 addresses in brackets. */
export function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
