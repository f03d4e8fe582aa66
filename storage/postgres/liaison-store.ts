import { LiaisonError } from '../../requests/liaison-error.js';
import { randomAccountId } from '../../requests/liaison-lowdb-store.js';
import type {
  LiaisonAccount,
  LiaisonIdentity,
  LiaisonStore,
  LinkCodeRecord,
  LinkedIdentity,
  NewLiaisonAccount,
  RedeemOutcome,
} from '../../requests/liaison-types.js';
import type { Database, Queryable } from './database.js';
import { pgText } from './pg-text.js';

/**
 * Liaison accounts in PostgreSQL (tables of migrations/002_liaisons.sql), with
 * the rules of the embedded lowdb store, shared by every instance:
 *
 * - every change runs in one transaction that first locks the account's row,
 *   so changes to one account (redeeming its code, a new code, revoking) take
 *   turns across instances: of two instances redeeming one code at once, the
 *   second sees it used;
 * - the partial unique index on acting identities lets one channel identity act
 *   for one account only: two instances linking one sender to two accounts at
 *   once collide there, and the loser is retried and answered `linked-elsewhere`.
 *
 * Text columns cannot hold U+0000: names and identities are stored (and looked
 * up) with it as U+FFFD (pg-text.ts). The store does not own the pool; `close`
 * only stops this store.
 */
export interface PostgresLiaisonStoreOptions {
  readonly db: Database;
  /** Draws account ids; injected so tests fix them. */
  readonly newId?: () => string;
}

/** Codes kept per account, as the lowdb store keeps them. */
const KEPT_CODES = 10;
const ID_DRAWS = 50;
/** A redeem that lost a race on the identity index is run again this many times at most. */
const REDEEM_ATTEMPTS = 3;
const UNIQUE_VIOLATION = '23505';

/** ISO 8601 in UTC with milliseconds, the form the port's timestamps take. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Accounts with their identities and codes in one query; `where` filters `a` (liaison_accounts). */
const selectAccounts = (where: string) => `
  SELECT a.id, a.name, a.neighborhood, a.organisation,
    ${iso('a.created_at')} AS created_at, ${iso('a.revoked_at')} AS revoked_at,
    COALESCE((
      SELECT json_agg(json_strip_nulls(json_build_object(
        'channel', i.channel, 'userId', i.user_id,
        'linkedAt', ${iso('i.linked_at')}, 'revokedAt', ${iso('i.revoked_at')})) ORDER BY i.seq)
      FROM liaison_identities i WHERE i.account_id = a.id), '[]') AS identities,
    COALESCE((
      SELECT json_agg(json_strip_nulls(json_build_object(
        'hash', c.hash, 'createdAt', ${iso('c.created_at')}, 'expiresAt', ${iso('c.expires_at')},
        'usedAt', ${iso('c.used_at')}, 'supersededAt', ${iso('c.superseded_at')})) ORDER BY c.seq)
      FROM liaison_link_codes c WHERE c.account_id = a.id), '[]') AS codes
  FROM liaison_accounts a
  WHERE ${where}
  ORDER BY a.seq`;

interface AccountRow {
  id: string;
  name: string;
  neighborhood: string;
  organisation: string;
  created_at: string;
  revoked_at: string | null;
  identities: LinkedIdentity[];
  codes: LinkCodeRecord[];
}

function toAccount(row: AccountRow): LiaisonAccount {
  return {
    id: row.id,
    name: row.name,
    neighborhood: row.neighborhood,
    organisation: row.organisation,
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    identities: row.identities,
    codes: row.codes,
  };
}

export async function createPostgresLiaisonStore(
  options: PostgresLiaisonStoreOptions,
): Promise<LiaisonStore> {
  // Fails at start-up, naming the table, when the schema is not migrated.
  await options.db.query('SELECT 1 FROM liaison_accounts LIMIT 0');
  return new PostgresLiaisonStore(options.db, options.newId ?? randomAccountId);
}

class PostgresLiaisonStore implements LiaisonStore {
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly newId: () => string,
  ) {}

  async create(input: NewLiaisonAccount): Promise<LiaisonAccount> {
    this.assertOpen();
    return this.db.transaction(async (client) => {
      const id = await this.insertAccount(client, input);
      await insertCode(client, id, input.code);
      return (await load(client, id))!;
    });
  }

  async get(id: string): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    return load(this.db, id);
  }

  async list(): Promise<LiaisonAccount[]> {
    this.assertOpen();
    return (await this.db.query<AccountRow>(selectAccounts('true'))).rows.map(toAccount);
  }

  async findByIdentity(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    return actingFor(this.db, identity);
  }

  async addCode(id: string, code: LinkCodeRecord): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    return this.db.transaction(async (client) => {
      if (!(await lockAccount(client, id))) return undefined;
      await client.query(
        `UPDATE liaison_link_codes SET superseded_at = $2
         WHERE account_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
        [id, code.createdAt],
      );
      await insertCode(client, id, code);
      await client.query(
        `DELETE FROM liaison_link_codes WHERE account_id = $1 AND seq NOT IN (
           SELECT seq FROM liaison_link_codes WHERE account_id = $1 ORDER BY seq DESC LIMIT $2)`,
        [id, KEPT_CODES],
      );
      return load(client, id);
    });
  }

  async redeemCode(hash: string, identity: LiaisonIdentity, at: string): Promise<RedeemOutcome> {
    this.assertOpen();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((client) => redeem(client, hash, identity, at));
      } catch (error) {
        // Another instance linked this identity to another account meanwhile: asking again says so.
        if (!isUniqueViolation(error) || attempt >= REDEEM_ATTEMPTS) throw error;
      }
    }
  }

  async revoke(id: string, at: string): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    return this.db.transaction(async (client) => {
      if (!(await lockAccount(client, id))) return undefined;
      const changed = await client.query(
        'UPDATE liaison_accounts SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
        [id, at],
      );
      if (changed.rowCount === 1) {
        await client.query('UPDATE liaison_identities SET acting = false WHERE account_id = $1', [id]);
      }
      return load(client, id);
    });
  }

  async revokeIdentity(
    id: string,
    identity: LiaisonIdentity,
    at: string,
  ): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    return this.db.transaction(async (client) => {
      if (!(await lockAccount(client, id))) return undefined;
      const changed = await client.query(
        `UPDATE liaison_identities SET revoked_at = $4, acting = false
         WHERE account_id = $1 AND channel = $2 AND user_id = $3 AND revoked_at IS NULL`,
        [id, pgText(identity.channel), pgText(identity.userId), at],
      );
      return changed.rowCount === 1 ? load(client, id) : undefined;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Draws ids until one is free; the primary key decides, so two instances never share one. */
  private async insertAccount(client: Queryable, input: NewLiaisonAccount): Promise<string> {
    for (let draw = 0; draw < ID_DRAWS; draw++) {
      const id = this.newId();
      const inserted = await client.query(
        `INSERT INTO liaison_accounts (id, name, neighborhood, organisation, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [id, pgText(input.name), pgText(input.neighborhood), pgText(input.organisation), input.createdAt],
      );
      if (inserted.rowCount === 1) return id;
    }
    throw new LiaisonError('id-exhausted', `no unused account id after ${ID_DRAWS} draws`);
  }

  private assertOpen(): void {
    if (this.closed) throw new LiaisonError('store-closed', 'the liaison store is closed');
  }
}

async function load(q: Queryable, id: string): Promise<LiaisonAccount | undefined> {
  const row = (await q.query<AccountRow>(selectAccounts('a.id = $1'), [id])).rows[0];
  return row && toAccount(row);
}

async function actingFor(q: Queryable, identity: LiaisonIdentity): Promise<LiaisonAccount | undefined> {
  const row = (
    await q.query<AccountRow>(
      selectAccounts(
        'a.id = (SELECT account_id FROM liaison_identities WHERE channel = $1 AND user_id = $2 AND acting)',
      ),
      [pgText(identity.channel), pgText(identity.userId)],
    )
  ).rows[0];
  return row && toAccount(row);
}

/** Locks the account's row for the rest of the transaction; false when there is no such account. */
async function lockAccount(client: Queryable, id: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM liaison_accounts WHERE id = $1 FOR UPDATE', [id])).rowCount === 1;
}

async function insertCode(client: Queryable, accountId: string, code: LinkCodeRecord): Promise<void> {
  await client.query(
    `INSERT INTO liaison_link_codes (account_id, hash, created_at, expires_at, used_at, superseded_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [accountId, code.hash, code.createdAt, code.expiresAt, code.usedAt ?? null, code.supersededAt ?? null],
  );
}

/** The rules of LiaisonStore.redeemCode, in one transaction holding the code's account. */
async function redeem(
  client: Queryable,
  hash: string,
  identity: LiaisonIdentity,
  at: string,
): Promise<RedeemOutcome> {
  const owner = (
    await client.query<{ account_id: string }>(
      `SELECT c.account_id FROM liaison_link_codes c JOIN liaison_accounts a ON a.id = c.account_id
       WHERE c.hash = $1 ORDER BY a.seq, c.seq LIMIT 1`,
      [hash],
    )
  ).rows[0]?.account_id;
  if (owner === undefined || !(await lockAccount(client, owner))) return { outcome: 'invalid' };
  // Read again under the lock: another instance may have used, replaced or dropped the code meanwhile.
  const code = (
    await client.query<{ usable: boolean }>(
      `SELECT (c.used_at IS NULL AND c.superseded_at IS NULL AND c.expires_at > $3
               AND a.revoked_at IS NULL) AS usable
       FROM liaison_link_codes c JOIN liaison_accounts a ON a.id = c.account_id
       WHERE c.account_id = $1 AND c.hash = $2 ORDER BY c.seq LIMIT 1`,
      [owner, hash, at],
    )
  ).rows[0];
  if (code === undefined) return { outcome: 'invalid' };
  const holder = await actingFor(client, identity);
  // Its own account's code again (even a used one): nothing to do, nothing to count as a guess.
  if (holder?.id === owner) return { outcome: 'already-linked', account: holder };
  if (!code.usable) return { outcome: 'invalid' };
  if (holder !== undefined) return { outcome: 'linked-elsewhere' };
  await client.query('UPDATE liaison_link_codes SET used_at = $3 WHERE account_id = $1 AND hash = $2', [
    owner,
    hash,
    at,
  ]);
  // A second link of an identity this account once had replaces its old, revoked entry.
  await client.query(
    'DELETE FROM liaison_identities WHERE account_id = $1 AND channel = $2 AND user_id = $3',
    [owner, pgText(identity.channel), pgText(identity.userId)],
  );
  await client.query(
    'INSERT INTO liaison_identities (account_id, channel, user_id, linked_at) VALUES ($1, $2, $3, $4)',
    [owner, pgText(identity.channel), pgText(identity.userId), at],
  );
  return { outcome: 'linked', account: (await load(client, owner))! };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}
