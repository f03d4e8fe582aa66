import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import { type Clock, systemClock } from '../bot/clock.js';
import { type AttemptCounter, MemoryAttemptCounter } from './attempt-counter.js';

/** Wrong staff tokens allowed per client in a window, before 429. */
export const MAX_FAILED_ATTEMPTS = 10;
export const FAILED_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Clients remembered at once by the default (in-memory) counter. */
export const MAX_TRACKED_CLIENTS = 10_000;

export interface FailedAttemptsOptions {
  readonly max?: number;
  readonly windowMs?: number;
  /** Where attempts are counted: shared by every instance (PostgreSQL) or, by default, this process's memory. */
  readonly counter?: AttemptCounter;
  /** Bound of the default in-memory counter. */
  readonly maxClients?: number;
  readonly clock?: Clock;
}

/** `right`: the token is right; `wrong`: it is not, and was counted; `limited`: too many wrong ones, wait `retryAfter` seconds. */
export type TokenVerdict =
  | { readonly kind: 'right' | 'wrong' }
  | { readonly kind: 'limited'; readonly retryAfter: number };

/**
 * Counts wrong staff tokens per client in a fixed window (10 in 15 minutes).
 * One instance is shared by every staff entry point, so guesses add up
 * whichever door they knock on; over PostgreSQL they add up whichever
 * instance they reach too.
 *
 * Every token presented is judged in one atomic step of the counter: a wrong
 * one is counted, a right one is read through the same step without being
 * counted. So parallel guesses cannot slip past the limit between a check and
 * a count, and a client over the limit learns nothing about its token, not
 * even from how long the answer took.
 */
export class FailedAttempts {
  readonly max: number;
  readonly windowMs: number;
  private readonly counter: AttemptCounter;
  private readonly clock: Clock;

  constructor(options: FailedAttemptsOptions = {}) {
    this.max = options.max ?? MAX_FAILED_ATTEMPTS;
    this.windowMs = options.windowMs ?? FAILED_ATTEMPT_WINDOW_MS;
    this.clock = options.clock ?? systemClock;
    this.counter =
      options.counter ??
      new MemoryAttemptCounter({ maxKeys: options.maxClients ?? MAX_TRACKED_CLIENTS, clock: this.clock });
  }

  /**
   * Judges a token `client` presented, `right` or not (compared by the
   * caller in constant time): a client over its wrong tokens is `limited`
   * whatever it sent.
   */
  async judge(client: string, right: boolean): Promise<TokenVerdict> {
    const window = await this.counter.hit(`staff-token:${client}`, this.windowMs, right ? 0 : 1);
    const over = right ? window.count >= this.max : window.count > this.max;
    if (over) {
      const retryAfter = Math.max(1, Math.ceil((window.resetsAt - this.clock().getTime()) / 1000));
      return { kind: 'limited', retryAfter };
    }
    return { kind: right ? 'right' : 'wrong' };
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
