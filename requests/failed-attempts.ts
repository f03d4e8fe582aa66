import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import { type Clock, systemClock } from '../bot/clock.js';

/** Wrong staff tokens allowed per client in a window, before 429. */
export const MAX_FAILED_ATTEMPTS = 10;
export const FAILED_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Clients remembered at once; past this the oldest window is forgotten first. */
export const MAX_TRACKED_CLIENTS = 10_000;

export interface FailedAttemptsOptions {
  readonly max?: number;
  readonly windowMs?: number;
  readonly maxClients?: number;
  readonly clock?: Clock;
}

interface Window {
  count: number;
  readonly since: number;
}

/**
 * Counts failed attempts (wrong staff tokens) per client in a fixed window.
 * One instance is shared by every staff entry point, so guesses add up
 * whichever door they knock on. Memory is bounded: at most `maxClients`
 * windows, kept in the order they started, so expired ones are swept from
 * the front and, when full, the oldest is dropped.
 */
export class FailedAttempts {
  readonly max: number;
  readonly windowMs: number;
  private readonly maxClients: number;
  private readonly clock: Clock;
  private readonly windows = new Map<string, Window>();

  constructor(options: FailedAttemptsOptions = {}) {
    this.max = options.max ?? MAX_FAILED_ATTEMPTS;
    this.windowMs = options.windowMs ?? FAILED_ATTEMPT_WINDOW_MS;
    this.maxClients = options.maxClients ?? MAX_TRACKED_CLIENTS;
    this.clock = options.clock ?? systemClock;
  }

  /** Whole seconds until `client` may try again, or undefined when it may try now. */
  blockedFor(client: string): number | undefined {
    const window = this.current(client, this.clock().getTime());
    if (window === undefined || window.count < this.max) return undefined;
    return Math.max(1, Math.ceil((window.since + this.windowMs - this.clock().getTime()) / 1000));
  }

  /** Records one failed attempt by `client`. */
  record(client: string): void {
    const now = this.clock().getTime();
    const window = this.current(client, now);
    if (window !== undefined) {
      window.count += 1;
      return;
    }
    this.sweep(now);
    if (this.windows.size >= this.maxClients) {
      const oldest = this.windows.keys().next();
      if (!oldest.done) this.windows.delete(oldest.value);
    }
    this.windows.set(client, { count: 1, since: now });
  }

  /** Clients currently remembered (for tests and the memory bound). */
  get size(): number {
    return this.windows.size;
  }

  private current(client: string, now: number): Window | undefined {
    const window = this.windows.get(client);
    if (window !== undefined && now - window.since >= this.windowMs) {
      this.windows.delete(client);
      return undefined;
    }
    return window;
  }

  /** Windows are in start order: drop expired ones from the front. */
  private sweep(now: number): void {
    for (const [client, window] of this.windows) {
      if (now - window.since < this.windowMs) return;
      this.windows.delete(client);
    }
  }
}

/**
 * The key a client's attempts are counted under: `req.ip` (the socket's
 * address, or X-Forwarded-For when express's `trust proxy` names the proxy).
 * An IPv4-mapped address counts as the IPv4 address; an IPv6 address as its
 * /64, which one household or server usually holds whole.
 */
export function clientOf(req: Request): string {
  return clientKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** See `clientOf`. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - front.length - back.length - (back.at(-1)?.includes('.') ? 1 : 0);
  const groups = tail === undefined ? front : [...front, ...Array<string>(missing).fill('0'), ...back];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}
