import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type StoredReference, trimmedJson } from '../../bot/conversation-store.js';
import type { Correction } from '../../bot/corrections-store.js';
import {
  type InboxJournal,
  type JournaledDone,
  type JournaledMessage,
  readInboxJournal,
} from '../../bot/inbox-file.js';
import { StateFile } from '../../bot/lowdb-state-file.js';
import type { OptOut } from '../../bot/opt-out-store.js';
import type { LiaisonAccount } from '../../requests/liaison-types.js';
import { isTrackingNumber } from '../../requests/tracking-number.js';
import type { ServiceRequest } from '../../requests/types.js';

/**
 * What a pilot keeps in DATA_DIR, read as the lowdb stores read it, for
 * `importLowdbDataDir` (import-lowdb.ts). Nothing here writes to the folder.
 * A file that is not there reads as empty (a pilot that never had liaisons);
 * a file that is there but cannot be read as its store reads it fails with
 * `LowdbFileError` naming it, before anything is written anywhere.
 *
 * The formats are the stores' own: requests.json
 * (requests/lowdb-request-store.ts), liaisons.json (requests/liaison-lowdb-store.ts),
 * state.json (bot/lowdb-state-file.ts), conversations.json
 * (bot/conversation-store.ts), optouts.json (bot/opt-out-store.ts),
 * corrections.json (bot/corrections-store.ts) and the inbox.jsonl journal
 * (bot/inbox-file.ts).
 */
export const LOWDB_FILES = {
  requests: 'requests.json',
  liaisons: 'liaisons.json',
  state: 'state.json',
  conversations: 'conversations.json',
  optOuts: 'optouts.json',
  corrections: 'corrections.json',
  inbox: 'inbox.jsonl',
} as const;
export type LowdbFileName = (typeof LOWDB_FILES)[keyof typeof LOWDB_FILES];

/** A DATA_DIR file that is there but is not what its store writes. */
export class LowdbFileError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`${file}: ${why}`);
    this.name = 'LowdbFileError';
  }
}

export interface StateItem {
  readonly key: string;
  /** The item as stored, without its eTag. */
  readonly value: Record<string, unknown>;
  readonly eTag: string;
  /** Epoch milliseconds of the last write. */
  readonly touchedAt: number;
}

export interface ConversationEntry {
  readonly channel: string;
  readonly conversationId: string;
  readonly userId: string | undefined;
  /** The trimmed reference (bot/conversation-store.ts `trimmedJson`). */
  readonly referenceJson: string;
  /** Epoch milliseconds; 0 when the file gave no date (read as long unused, as the lowdb store does). */
  readonly updatedAt: number;
}

export interface LowdbDataDir {
  /** Files of LOWDB_FILES that were not there. */
  readonly missing: readonly LowdbFileName[];
  /** In filing order (oldest first), as requests.json holds them. */
  readonly requests: readonly ServiceRequest[];
  readonly retiredIds: readonly string[];
  /** Tracking number -> the idempotency key it was filed with (keys of live requests only). */
  readonly idempotencyKeys: ReadonlyMap<string, string>;
  /** Oldest first; identities and codes in the order they were added. */
  readonly liaisons: readonly LiaisonAccount[];
  readonly state: readonly StateItem[];
  readonly conversations: readonly ConversationEntry[];
  readonly optOuts: readonly OptOut[];
  /** Oldest first, as corrections.json holds them. */
  readonly corrections: readonly Correction[];
  /** Pending messages, oldest first. */
  readonly inboxPending: readonly JournaledMessage[];
  /** Done ids (no payload kept), in the order they were done. */
  readonly inboxDone: readonly JournaledDone[];
  /** Journal lines that could not be read (a torn last line, the trace of a crash, is not counted). */
  readonly inboxSkippedLines: number;
  /** Files in DATA_DIR/uploads (photos: they stay files). */
  readonly uploads: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is string => isString(value) && Number.isFinite(Date.parse(value));

/** The parsed JSON of a file; undefined when it is not there. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LowdbFileError(file, `cannot be read (${describe(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LowdbFileError(file, `not valid JSON (${describe(error)})`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads every lowdb file of `dataDir`; fails on the first unreadable one. */
export async function readLowdbDataDir(dataDir: string): Promise<LowdbDataDir> {
  const path = (name: LowdbFileName) => join(dataDir, name);
  const missing: LowdbFileName[] = [];
  const json = async (name: LowdbFileName) => {
    const value = await readJson(path(name));
    if (value === undefined) missing.push(name);
    return value;
  };
  const requests = readRequests(path(LOWDB_FILES.requests), await json(LOWDB_FILES.requests));
  const liaisons = readLiaisons(path(LOWDB_FILES.liaisons), await json(LOWDB_FILES.liaisons));
  const state = await readState(path(LOWDB_FILES.state), missing);
  const conversations = readConversations(
    path(LOWDB_FILES.conversations),
    await json(LOWDB_FILES.conversations),
  );
  const optOuts = readOptOuts(path(LOWDB_FILES.optOuts), await json(LOWDB_FILES.optOuts));
  const corrections = readCorrections(path(LOWDB_FILES.corrections), await json(LOWDB_FILES.corrections));
  const inbox = await readInbox(path(LOWDB_FILES.inbox), missing);
  return {
    missing,
    ...requests,
    liaisons,
    state,
    conversations,
    optOuts,
    corrections,
    ...inbox,
    uploads: await countFiles(join(dataDir, 'uploads')),
  };
}

function readRequests(
  file: string,
  data: unknown,
): Pick<LowdbDataDir, 'requests' | 'retiredIds' | 'idempotencyKeys'> {
  if (data === undefined) return { requests: [], retiredIds: [], idempotencyKeys: new Map() };
  const keys = isObject(data) ? data.idempotencyKeys : undefined;
  if (
    !isObject(data) ||
    !Array.isArray(data.requests) ||
    !Array.isArray(data.retiredIds) ||
    (keys !== undefined && !isObject(keys))
  ) {
    throw new LowdbFileError(
      file,
      'not a request store (requests/retiredIds missing, or idempotencyKeys not an object)',
    );
  }
  const requests = data.requests as unknown[];
  requests.forEach((request, index) => {
    const why = notARequest(request);
    if (why !== undefined) {
      const id = isObject(request) && isString(request.id) ? ` ${request.id}` : '';
      throw new LowdbFileError(file, `request #${index + 1}${id} is not a service request (${why})`);
    }
  });
  const live = requests as ServiceRequest[];
  const retiredIds = data.retiredIds as unknown[];
  const badRetired = retiredIds.findIndex((id) => !isString(id) || !isTrackingNumber(id));
  if (badRetired >= 0) throw new LowdbFileError(file, `retiredIds[${badRetired}] is not a tracking number`);
  const liveIds = new Set(live.map((r) => r.id));
  const idempotencyKeys = new Map<string, string>();
  for (const [key, id] of Object.entries(keys ?? {})) {
    // A key whose request was erased is forgotten, as the store forgets it; one key per filing.
    if (isString(id) && liveIds.has(id as ServiceRequest['id']) && !idempotencyKeys.has(id)) {
      idempotencyKeys.set(id, key);
    }
  }
  return { requests: live, retiredIds: retiredIds as string[], idempotencyKeys };
}

/** Why `value` cannot be a stored request (names a field, never a value: they hold personal data). */
function notARequest(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (!isString(value.id) || !isTrackingNumber(value.id)) return 'id is not a tracking number';
  if (!isString(value.serviceCode)) return 'serviceCode missing';
  if (!isString(value.status)) return 'status missing';
  if (!isTime(value.requestedAt)) return 'requestedAt is not a date';
  const requester = value.requester;
  if (!isObject(requester) || !isString(requester.channel) || !isString(requester.userId)) {
    return 'requester missing';
  }
  if (!Array.isArray(value.followers)) return 'followers missing';
  if (!Array.isArray(value.history)) return 'history missing';
  return undefined;
}

function readLiaisons(file: string, data: unknown): LiaisonAccount[] {
  if (data === undefined) return [];
  if (!isObject(data) || !Array.isArray(data.accounts)) {
    throw new LowdbFileError(file, 'not a liaison store (accounts missing)');
  }
  const accounts = data.accounts as unknown[];
  accounts.forEach((account, index) => {
    const ok =
      isObject(account) &&
      isString(account.id) &&
      isString(account.name) &&
      isString(account.neighborhood) &&
      isString(account.organisation) &&
      isTime(account.createdAt) &&
      Array.isArray(account.identities) &&
      account.identities.every(
        (i: unknown) => isObject(i) && isString(i.channel) && isString(i.userId) && isTime(i.linkedAt),
      ) &&
      Array.isArray(account.codes) &&
      account.codes.every(
        (c: unknown) => isObject(c) && isString(c.hash) && isTime(c.createdAt) && isTime(c.expiresAt),
      );
    if (!ok) throw new LowdbFileError(file, `account #${index + 1} is not a liaison account`);
  });
  return accounts as LiaisonAccount[];
}

async function readState(file: string, missing: LowdbFileName[]): Promise<StateItem[]> {
  let items: Awaited<ReturnType<StateFile['read']>>;
  try {
    items = await new StateFile(file).read();
  } catch (error) {
    throw new LowdbFileError(file, `not a readable state file (${describe(error)})`);
  }
  if (items === null) {
    missing.push(LOWDB_FILES.state);
    return [];
  }
  return [...items].map(([key, entry]) => {
    const { eTag: _eTag, ...value } = JSON.parse(entry.json) as Record<string, unknown>;
    return { key, value, eTag: entry.eTag, touchedAt: entry.touchedAt };
  });
}

function readConversations(file: string, data: unknown): ConversationEntry[] {
  if (data === undefined) return [];
  if (!isObject(data) && data !== null) throw new LowdbFileError(file, 'not a conversations file');
  const stored = data?.conversations;
  if (!isObject(stored)) return [];
  const out: ConversationEntry[] = [];
  // As the lowdb store loads them: an entry without a channel or conversation id is not a reference.
  for (const raw of Object.values(stored)) {
    const { reference, updatedAt } = (isObject(raw) ? raw : {}) as {
      reference?: StoredReference;
      updatedAt?: unknown;
    };
    const channel = reference?.channelId;
    const conversationId = reference?.conversation?.id;
    if (!reference || !isString(channel) || !channel || !isString(conversationId) || !conversationId)
      continue;
    const at = isString(updatedAt) ? Date.parse(updatedAt) : Number.NaN;
    const userId = reference.user?.id;
    out.push({
      channel,
      conversationId,
      userId: isString(userId) ? userId : undefined,
      referenceJson: trimmedJson(reference),
      updatedAt: Number.isFinite(at) ? at : 0,
    });
  }
  return out;
}

function readOptOuts(file: string, data: unknown): OptOut[] {
  if (data === undefined) return [];
  if (!isObject(data)) throw new LowdbFileError(file, 'not an opt-out file');
  const stored = data.optOuts ?? {};
  if (!isObject(stored)) throw new LowdbFileError(file, 'optOuts is not an object');
  return Object.values(stored).map((entry, index) => {
    if (!isObject(entry) || !isString(entry.channel) || !isString(entry.userId) || !isTime(entry.at)) {
      throw new LowdbFileError(file, `opt-out #${index + 1} is not an opt-out`);
    }
    return {
      channel: entry.channel,
      userId: entry.userId,
      at: entry.at,
      // Every opt-out is written with its keyword; STOP is what an entry without one meant.
      keyword: isString(entry.keyword) ? entry.keyword : 'STOP',
    };
  });
}

function readCorrections(file: string, data: unknown): Correction[] {
  if (data === undefined) return [];
  if (!isObject(data)) throw new LowdbFileError(file, 'not a corrections file');
  // The lowdb store starts afresh when `corrections` is not a list; so does the import.
  if (!Array.isArray(data.corrections)) return [];
  const list = data.corrections as unknown[];
  list.forEach((c, index) => {
    const ok =
      isObject(c) &&
      isString(c.id) &&
      isTime(c.at) &&
      isString(c.question) &&
      isString(c.outcome) &&
      typeof c.score === 'number' &&
      isString(c.by);
    if (!ok) throw new LowdbFileError(file, `correction #${index + 1} is not a correction`);
  });
  return list as Correction[];
}

/** Replays the journal as the file inbox does on open (bot/inbox-file.ts): pending messages and done ids. */
async function readInbox(
  file: string,
  missing: LowdbFileName[],
): Promise<Pick<LowdbDataDir, 'inboxPending' | 'inboxDone' | 'inboxSkippedLines'>> {
  let journal: InboxJournal;
  try {
    journal = await readInboxJournal(file);
  } catch (error) {
    throw new LowdbFileError(file, `cannot be read (${describe(error)})`);
  }
  if (!journal.found) missing.push(LOWDB_FILES.inbox);
  return { inboxPending: journal.pending, inboxDone: journal.done, inboxSkippedLines: journal.skippedLines };
}

async function countFiles(dir: string): Promise<number> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
