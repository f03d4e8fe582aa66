import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../bot/clock.js';
import { DirectLineError } from './directline-error.js';

/** How long a token lasts; Web Chat refreshes every 15 minutes. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

/** What a token grants: one conversation, for one user, until `exp` (seconds since the epoch). */
export interface TokenClaims {
  readonly conversationId: string;
  readonly userId: string;
  /** A staff console conversation (bot replies keep their explanation). */
  readonly staff: boolean;
  readonly exp: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly expires_in: number;
}

/**
 * Direct Line tokens: `base64url(claims).base64url(HMAC-SHA256(secret, claims))`.
 * Stateless, so refreshing one is issuing a new token with the same claims.
 */
export class TokenService {
  private readonly secret: Buffer;

  constructor(
    secret: string | Buffer,
    private readonly clock: Clock,
    private readonly lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
  ) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (this.secret.length < 16)
      throw new RangeError('the Direct Line token secret must be at least 16 bytes');
  }

  issue(grant: Omit<TokenClaims, 'exp'>): IssuedToken {
    const exp = Math.floor(this.clock().getTime() / 1000) + this.lifetimeSeconds;
    const claims: TokenClaims = {
      conversationId: grant.conversationId,
      userId: grant.userId,
      staff: grant.staff,
      exp,
    };
    const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return {
      token: `${payload}.${this.sign(payload)}`,
      conversationId: claims.conversationId,
      userId: claims.userId,
      expires_in: this.lifetimeSeconds,
    };
  }

  /** The claims of a valid, unexpired token; throws DirectLineError TOKEN_INVALID / TOKEN_EXPIRED. */
  verify(token: string | undefined): TokenClaims {
    const [payload, signature, extra] = (token ?? '').split('.');
    if (!payload || !signature || extra !== undefined) throw new DirectLineError('TOKEN_INVALID');
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new DirectLineError('TOKEN_INVALID');
    }
    const claims = parseClaims(payload);
    if (!claims) throw new DirectLineError('TOKEN_INVALID');
    if (claims.exp * 1000 <= this.clock().getTime()) throw new DirectLineError('TOKEN_EXPIRED');
    return claims;
  }

  /** A fresh token with the same grant; the old one must still be valid. */
  refresh(token: string | undefined): IssuedToken {
    const { exp: _exp, ...grant } = this.verify(token);
    return this.issue(grant);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function randomSecret(): Buffer {
  return randomBytes(32);
}

function parseClaims(payload: string): TokenClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object') return undefined;
    const c = value as Record<string, unknown>;
    if (
      typeof c.conversationId !== 'string' ||
      typeof c.userId !== 'string' ||
      typeof c.staff !== 'boolean' ||
      typeof c.exp !== 'number'
    ) {
      return undefined;
    }
    return { conversationId: c.conversationId, userId: c.userId, staff: c.staff, exp: c.exp };
  } catch {
    return undefined;
  }
}
