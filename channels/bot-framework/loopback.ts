import { BlockList, isIPv4 } from 'node:net';

/**
 * Emulator mode (no MICROSOFT_APP_ID) has no tokens to check, so it is
 * confined to this machine: only loopback clients, and replies only to
 * loopback serviceUrls.
 */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x (as a socket's remoteAddress gives them). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  try {
    return LOOPBACK.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  } catch {
    return false; // not an IP address at all
  }
}

/** http(s)://localhost, http(s)://127.x.x.x or http(s)://[::1], with any port and path. */
export function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.hostname === 'localhost') return true;
  return isLoopbackAddress(parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
}
