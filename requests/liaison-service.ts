import type { Clock } from '../bot/clock.js';
import { type Logger, silentLogger } from '../bot/logger.js';
import { AttemptLimiter } from './liaison-attempt-limiter.js';
import {
  formatLinkCode,
  hashLinkCode,
  LINK_CODE_TTL_DAYS,
  type LinkCodeGenerator,
  normalizeLinkCode,
  randomLinkCode,
} from './liaison-code.js';
import { LiaisonError } from './liaison-error.js';
import { type ImportResult, importRequests } from './liaison-import.js';
import { type NeighborhoodSummary, summarizeRequests } from './liaison-summary.js';
import {
  activeIdentities,
  type LiaisonAccount,
  type LiaisonIdentity,
  type LiaisonStore,
  type LinkCodeRecord,
} from './liaison-types.js';
import { isRequestError } from './request-error.js';
import type { FileRequest } from './request-service.js';
import type {
  Location,
  Requester,
  RequestFilter,
  RequestStore,
  ServiceRequest,
  TrackingNumber,
} from './types.js';

/** What the liaison service needs of the request domain (RequestService fits). */
export interface LiaisonRequests {
  file(request: FileRequest): Promise<ServiceRequest>;
  findDuplicate(serviceCode: string, location: Location): Promise<ServiceRequest | undefined>;
  find(filter: RequestFilter): Promise<ServiceRequest[]>;
  get(id: TrackingNumber): Promise<ServiceRequest | undefined>;
}

export interface LiaisonServiceDeps {
  readonly store: LiaisonStore;
  readonly requests: LiaisonRequests;
  /** Follow-up notes are appended to a request's history without changing its status. */
  readonly notes: Pick<RequestStore, 'appendStatus'>;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly newCode?: LinkCodeGenerator;
  readonly limiter?: AttemptLimiter;
}

export interface NewAccountInput {
  readonly name?: unknown;
  readonly neighborhood?: unknown;
  readonly organisation?: unknown;
}

export interface IssuedCode {
  readonly account: LiaisonAccount;
  /** Shown once, formatted "KM7Q-4TXR-9HWD"; only its hash is kept. */
  readonly linkCode: string;
  readonly expiresAt: string;
}

export type LinkResult =
  | { readonly outcome: 'linked' | 'already-linked'; readonly account: LiaisonAccount }
  | { readonly outcome: 'linked-elsewhere' | 'invalid' | 'rate-limited' };

export type FollowUpResult =
  | { readonly outcome: 'recorded'; readonly request: ServiceRequest }
  | { readonly outcome: 'not-liaison' | 'not-yours' | 'empty-note' | 'too-long' };

export const MAX_NOTE_LENGTH = 1000;
const FIELD_MAX = 120;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One spelling per name: trimmed, inner spaces collapsed. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function field(input: NewAccountInput, key: keyof NewAccountInput): string {
  const value = input[key];
  const text = typeof value === 'string' ? cleanName(value) : '';
  if (text === '') throw new LiaisonError('invalid-field', `${key} is required`, key);
  if (text.length > FIELD_MAX) {
    throw new LiaisonError('invalid-field', `${key} is longer than ${FIELD_MAX} characters`, key);
  }
  return text;
}

/**
 * Liaison accounts and what liaisons can do: link an identity with a
 * one-time code, see and follow up their account's requests (never another
 * account's), a neighborhood summary, and staff's CSV import.
 */
export class LiaisonService {
  private readonly logger: Logger;
  private readonly newCode: LinkCodeGenerator;
  private readonly limiter: AttemptLimiter;

  constructor(private readonly deps: LiaisonServiceDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.newCode = deps.newCode ?? randomLinkCode;
    this.limiter = deps.limiter ?? new AttemptLimiter(deps.clock);
  }

  async createAccount(input: NewAccountInput): Promise<IssuedCode> {
    const name = field(input, 'name');
    const neighborhood = field(input, 'neighborhood');
    const organisation = field(input, 'organisation');
    const { record, code } = this.drawCode();
    const account = await this.deps.store.create({
      name,
      neighborhood,
      organisation,
      createdAt: record.createdAt,
      code: record,
    });
    this.logger.info('liaison account created', { account: account.id });
    return { account, linkCode: formatLinkCode(code), expiresAt: record.expiresAt };
  }

  list(): Promise<LiaisonAccount[]> {
    return this.deps.store.list();
  }

  get(id: string): Promise<LiaisonAccount | undefined> {
    return this.deps.store.get(id);
  }

  /** A fresh one-time code; older unused codes stop working. */
  async issueCode(id: string): Promise<IssuedCode> {
    await this.activeAccount(id);
    const { record, code } = this.drawCode();
    const account = await this.deps.store.addCode(id, record);
    if (account === undefined) throw new LiaisonError('not-found', `no liaison account ${id}`);
    this.logger.info('liaison link code issued', { account: id });
    return { account, linkCode: formatLinkCode(code), expiresAt: record.expiresAt };
  }

  async revoke(id: string): Promise<LiaisonAccount> {
    const account = await this.deps.store.revoke(id, this.now());
    if (account === undefined) throw new LiaisonError('not-found', `no liaison account ${id}`);
    this.logger.info('liaison account revoked', { account: id });
    return account;
  }

  async revokeIdentity(id: string, identity: LiaisonIdentity): Promise<LiaisonAccount> {
    const account = await this.deps.store.revokeIdentity(id, identity, this.now());
    if (account === undefined) {
      throw new LiaisonError('not-found', `no identity ${identity.channel} linked to account ${id}`);
    }
    this.logger.info('liaison identity unlinked', { account: id, channel: identity.channel });
    return account;
  }

  /** "LIAISON <code>" from a channel identity. Failures are counted per identity and overall. */
  async link(identity: LiaisonIdentity, text: string): Promise<LinkResult> {
    const key = `${identity.channel}:${identity.userId}`;
    if (!(await this.limiter.allowed(key))) {
      this.logger.warn('liaison link refused: too many failed attempts', { channel: identity.channel });
      return { outcome: 'rate-limited' };
    }
    const code = normalizeLinkCode(text);
    const result = code
      ? await this.deps.store.redeemCode(hashLinkCode(code), identity, this.now())
      : ({ outcome: 'invalid' } as const);
    if (result.outcome === 'invalid') {
      await this.limiter.recordFailure(key);
      this.logger.warn('liaison link code rejected', { channel: identity.channel });
      return result;
    }
    if (result.outcome === 'linked') {
      await this.limiter.reset(key);
      this.logger.info('liaison identity linked', { account: result.account.id, channel: identity.channel });
    }
    return result;
  }

  /** The account this identity acts for, read afresh each time so revocation works at once. */
  accountFor(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined> {
    return this.deps.store.findByIdentity(identity);
  }

  /** The account's requests, newest first. */
  requestsOf(accountId: string, limit?: number): Promise<ServiceRequest[]> {
    return this.deps.requests.find({ accountId, ...(limit === undefined ? {} : { limit }) });
  }

  /** Adds a liaison note to the history (status unchanged) of one of the account's own requests. */
  async followUp(identity: LiaisonIdentity, id: TrackingNumber, text: string): Promise<FollowUpResult> {
    const account = await this.accountFor(identity);
    if (account === undefined) return { outcome: 'not-liaison' };
    // One line of plain text: control characters (they break Open311 XML) and runs of space collapse.
    const note = text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
    const request = await this.deps.requests.get(id);
    // An unknown number gets the same answer as another account's: nothing to learn by guessing.
    if (request === undefined || request.accountId !== account.id) return { outcome: 'not-yours' };
    if (note === '') return { outcome: 'empty-note' };
    if (note.length > MAX_NOTE_LENGTH) return { outcome: 'too-long' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = attempt === 0 ? request : await this.deps.requests.get(id);
      if (current === undefined) return { outcome: 'not-yours' };
      try {
        const updated = await this.deps.notes.appendStatus(
          id,
          { status: current.status, at: this.now(), by: `liaison:${account.id}`, note },
          current.status,
        );
        if (updated === undefined) return { outcome: 'not-yours' };
        this.logger.info('liaison follow-up recorded', { account: account.id, request: id });
        return { outcome: 'recorded', request: updated };
      } catch (error) {
        if (isRequestError(error, 'conflict')) continue;
        throw error;
      }
    }
    throw new LiaisonError('conflict', `request ${id} kept changing; try again`);
  }

  /**
   * Open, closed and delayed counts of the requests liaisons filed in a
   * neighborhood (name matched without case). Undefined when no account
   * serves that neighborhood.
   */
  async summary(neighborhood: string): Promise<NeighborhoodSummary | undefined> {
    const wanted = cleanName(neighborhood).toLowerCase();
    const accounts = await this.deps.store.list();
    const name = accounts.find((a) => a.neighborhood.toLowerCase() === wanted)?.neighborhood;
    if (name === undefined) return undefined;
    const requests = await this.deps.requests.find({ neighborhood: name });
    return summarizeRequests(name, requests, this.deps.clock());
  }

  /** Files a CSV of problems for an active account (see liaison-import.ts). */
  async importCsv(accountId: string, csv: string): Promise<ImportResult> {
    const account = await this.activeAccount(accountId);
    const result = await importRequests(csv, account, this.deps.requests, this.deps.clock());
    this.logger.info('liaison import', {
      account: account.id,
      filed: result.filed.length,
      rejected: result.rejected.length,
    });
    return result;
  }

  /** Everyone to tell about a request's status: the linked identities of the account that filed it. */
  async recipientsFor(request: Pick<ServiceRequest, 'accountId'>): Promise<Requester[]> {
    if (request.accountId === undefined) return [];
    const account = await this.deps.store.get(request.accountId);
    if (account === undefined) return [];
    return activeIdentities(account).map((i) => ({ channel: i.channel, userId: i.userId }));
  }

  private async activeAccount(id: string): Promise<LiaisonAccount> {
    const account = await this.deps.store.get(id);
    if (account === undefined) throw new LiaisonError('not-found', `no liaison account ${id}`);
    if (account.revokedAt !== undefined)
      throw new LiaisonError('revoked', `liaison account ${id} is revoked`);
    return account;
  }

  private drawCode(): { record: LinkCodeRecord; code: string } {
    const code = normalizeLinkCode(this.newCode());
    if (code === undefined)
      throw new LiaisonError('invalid-field', 'the link code generator gave a bad code');
    const now = this.deps.clock();
    return {
      code,
      record: {
        hash: hashLinkCode(code),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + LINK_CODE_TTL_DAYS * DAY_MS).toISOString(),
      },
    };
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
