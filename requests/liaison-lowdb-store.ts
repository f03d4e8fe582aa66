import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { LINK_CODE_ALPHABET } from './liaison-code.js';
import { LiaisonError } from './liaison-error.js';
import {
  type LiaisonAccount,
  type LiaisonIdentity,
  type LiaisonStore,
  type LinkCodeRecord,
  type NewLiaisonAccount,
  type RedeemOutcome,
  sameIdentity,
} from './liaison-types.js';

/**
 * Liaison accounts in one JSON file (DATA_DIR/liaisons.json), written with
 * lowdb atomically (temp file + rename) before any method resolves; a failed
 * write is undone in memory. Each change is made synchronously between reads
 * and the write, so two link attempts with one code cannot both succeed.
 */
export interface LowdbLiaisonStoreOptions {
  readonly file: string;
  /** Draws account ids; injected so tests fix them. */
  readonly newId?: () => string;
}

interface LiaisonsFile {
  version: 1;
  accounts: LiaisonAccount[];
}

/** "L" + 8 characters: short enough to read out, never mistaken for an 8-digit tracking number. */
export const randomAccountId = (): string => {
  let id = 'L';
  for (let i = 0; i < 8; i++) id += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return id;
};

/** Codes kept per account (used and superseded ones stay a while for the record). */
const KEPT_CODES = 10;

export async function createLowdbLiaisonStore(options: LowdbLiaisonStoreOptions): Promise<LiaisonStore> {
  await mkdir(dirname(options.file), { recursive: true });
  const adapter = new DataFile<LiaisonsFile>(options.file, {
    parse: (text) => JSON.parse(text) as LiaisonsFile,
    stringify: (data) => JSON.stringify(data),
  });
  const db = new Low<LiaisonsFile>(adapter, { version: 1, accounts: [] });
  try {
    await db.read();
  } catch (error) {
    throw new LiaisonError(
      'store-unreadable',
      `${options.file}: cannot read the liaison store (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(db.data.accounts)) {
    throw new LiaisonError('store-unreadable', `${options.file}: not a liaison store (accounts missing)`);
  }
  return new LowdbLiaisonStore(db, options.newId ?? randomAccountId);
}

class LowdbLiaisonStore implements LiaisonStore {
  private closed = false;

  constructor(
    private readonly db: Low<LiaisonsFile>,
    private readonly newId: () => string,
  ) {}

  async create(input: NewLiaisonAccount): Promise<LiaisonAccount> {
    this.assertOpen();
    const id = this.drawId();
    const { code, ...fields } = input;
    const account: LiaisonAccount = { ...fields, id, identities: [], codes: [code] };
    this.db.data.accounts.push(account);
    try {
      await this.db.write();
    } catch (error) {
      this.db.data.accounts = this.db.data.accounts.filter((a) => a !== account);
      throw error;
    }
    return structuredClone(account);
  }

  async get(id: string): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    const found = this.lookup(id);
    return found && structuredClone(found);
  }

  async list(): Promise<LiaisonAccount[]> {
    this.assertOpen();
    return structuredClone(this.db.data.accounts);
  }

  async findByIdentity(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    const found = this.activeFor(identity);
    return found && structuredClone(found);
  }

  async addCode(id: string, code: LinkCodeRecord): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    const current = this.lookup(id);
    if (current === undefined) return undefined;
    const codes = current.codes.map((c) =>
      c.usedAt === undefined && c.supersededAt === undefined ? { ...c, supersededAt: code.createdAt } : c,
    );
    return this.replace(current, { ...current, codes: [...codes, code].slice(-KEPT_CODES) });
  }

  async redeemCode(hash: string, identity: LiaisonIdentity, at: string): Promise<RedeemOutcome> {
    this.assertOpen();
    const account = this.db.data.accounts.find((a) => a.codes.some((c) => c.hash === hash));
    const code = account?.codes.find((c) => c.hash === hash);
    const holder = this.activeFor(identity);
    // Its own account's code again (even a used one): nothing to do, nothing to count as a guess.
    if (account !== undefined && holder?.id === account.id) {
      return { outcome: 'already-linked', account: structuredClone(account) };
    }
    if (
      account === undefined ||
      code === undefined ||
      account.revokedAt !== undefined ||
      code.usedAt !== undefined ||
      code.supersededAt !== undefined ||
      code.expiresAt <= at
    ) {
      return { outcome: 'invalid' };
    }
    if (holder !== undefined) return { outcome: 'linked-elsewhere' };
    const next: LiaisonAccount = {
      ...account,
      codes: account.codes.map((c) => (c.hash === hash ? { ...c, usedAt: at } : c)),
      identities: [
        ...account.identities.filter((i) => !sameIdentity(i, identity)),
        { channel: identity.channel, userId: identity.userId, linkedAt: at },
      ],
    };
    return { outcome: 'linked', account: await this.replace(account, next) };
  }

  async revoke(id: string, at: string): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    const current = this.lookup(id);
    if (current === undefined) return undefined;
    if (current.revokedAt !== undefined) return structuredClone(current);
    return this.replace(current, { ...current, revokedAt: at });
  }

  async revokeIdentity(
    id: string,
    identity: LiaisonIdentity,
    at: string,
  ): Promise<LiaisonAccount | undefined> {
    this.assertOpen();
    const current = this.lookup(id);
    if (current === undefined) return undefined;
    const linked = current.identities.some((i) => sameIdentity(i, identity) && i.revokedAt === undefined);
    if (!linked) return undefined;
    return this.replace(current, {
      ...current,
      identities: current.identities.map((i) =>
        sameIdentity(i, identity) && i.revokedAt === undefined ? { ...i, revokedAt: at } : i,
      ),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private lookup(id: string): LiaisonAccount | undefined {
    return this.db.data.accounts.find((a) => a.id === id);
  }

  private activeFor(identity: LiaisonIdentity): LiaisonAccount | undefined {
    return this.db.data.accounts.find(
      (a) =>
        a.revokedAt === undefined &&
        a.identities.some((i) => i.revokedAt === undefined && sameIdentity(i, identity)),
    );
  }

  private async replace(current: LiaisonAccount, next: LiaisonAccount): Promise<LiaisonAccount> {
    const index = this.db.data.accounts.indexOf(current);
    this.db.data.accounts[index] = next;
    try {
      await this.db.write();
    } catch (error) {
      if (this.db.data.accounts[index] === next) this.db.data.accounts[index] = current;
      throw error;
    }
    return structuredClone(next);
  }

  private drawId(): string {
    for (let draw = 0; draw < 50; draw++) {
      const id = this.newId();
      if (this.lookup(id) === undefined) return id;
    }
    throw new LiaisonError('id-exhausted', 'no unused account id after 50 draws');
  }

  private assertOpen(): void {
    if (this.closed) throw new LiaisonError('store-closed', 'the liaison store is closed');
  }
}
