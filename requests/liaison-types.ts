/**
 * Neighborhood Liaison accounts: trained volunteers who file and track
 * requests for their neighborhood from any channel. An account has several
 * linked identities (channel + user id) and, at most, one live link code,
 * stored only as a hash.
 */

/** One channel identity: the pair a message arrives from. */
export interface LiaisonIdentity {
  /** Channel id: 'sms', 'slack', 'x', 'directline', ... */
  readonly channel: string;
  /** Channel user id (phone number, Slack user, X user id). Personal data. */
  readonly userId: string;
}

export interface LinkedIdentity extends LiaisonIdentity {
  readonly linkedAt: string;
  /** Set when staff unlink it; a revoked identity no longer acts for the account. */
  readonly revokedAt?: string;
}

export interface LinkCodeRecord {
  /** SHA-256 (hex) of the normalised code; the code itself is never stored. */
  readonly hash: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Set once redeemed (codes are single-use) or replaced by a newer code. */
  readonly usedAt?: string;
  readonly supersededAt?: string;
}

export interface LiaisonAccount {
  readonly id: string;
  readonly name: string;
  readonly neighborhood: string;
  readonly organisation: string;
  readonly createdAt: string;
  /** Set when staff revoke the account: it stops working at once, for every identity. */
  readonly revokedAt?: string;
  readonly identities: readonly LinkedIdentity[];
  readonly codes: readonly LinkCodeRecord[];
}

export interface NewLiaisonAccount {
  readonly name: string;
  readonly neighborhood: string;
  readonly organisation: string;
  readonly createdAt: string;
  readonly code: LinkCodeRecord;
}

export type RedeemOutcome =
  | { readonly outcome: 'linked'; readonly account: LiaisonAccount }
  /** The identity already acts for this account; the code is left unused. */
  | { readonly outcome: 'already-linked'; readonly account: LiaisonAccount }
  /** The identity acts for another account; staff must unlink it first. The code is left unused. */
  | { readonly outcome: 'linked-elsewhere' }
  /** Unknown, used, replaced or expired code, or a revoked account: all look the same to the sender. */
  | { readonly outcome: 'invalid' };

/**
 * The liaison account store. lowdb (DATA_DIR/liaisons.json) is the embedded
 * default; another implementation must keep the same rules, and every method
 * resolves only after the change is durably stored.
 */
export interface LiaisonStore {
  create(account: NewLiaisonAccount): Promise<LiaisonAccount>;
  get(id: string): Promise<LiaisonAccount | undefined>;
  /** Oldest first. */
  list(): Promise<LiaisonAccount[]>;
  /** The account this identity acts for: a linked, unrevoked identity of an unrevoked account. */
  findByIdentity(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined>;
  /** Adds a code and supersedes every unused older one. Undefined when the account is unknown. */
  addCode(id: string, code: LinkCodeRecord): Promise<LiaisonAccount | undefined>;
  /**
   * The one atomic step of linking: checks the code (known, unused, not
   * superseded, not expired at `at`, account not revoked), marks it used and
   * links the identity, or changes nothing.
   */
  redeemCode(hash: string, identity: LiaisonIdentity, at: string): Promise<RedeemOutcome>;
  /** Revokes the account (idempotent). Undefined when unknown. */
  revoke(id: string, at: string): Promise<LiaisonAccount | undefined>;
  /** Unlinks one identity; undefined when the account is unknown or the identity is not linked to it. */
  revokeIdentity(id: string, identity: LiaisonIdentity, at: string): Promise<LiaisonAccount | undefined>;
  close(): Promise<void>;
}

export function sameIdentity(a: LiaisonIdentity, b: LiaisonIdentity): boolean {
  return a.channel === b.channel && a.userId === b.userId;
}

export function activeIdentities(account: LiaisonAccount): LinkedIdentity[] {
  return account.revokedAt === undefined ? account.identities.filter((i) => i.revokedAt === undefined) : [];
}
