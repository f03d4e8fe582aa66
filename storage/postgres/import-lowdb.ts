import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { type Clock, systemClock } from '../../bot/clock.js';
import { acquireDataDirLock, DataDirLockedError } from '../../bot/data-dir-lock.js';
import { DEFAULT_DEDUPE_WINDOW_MS } from '../../bot/inbox-file.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { isConversationKey } from '../../bot/lowdb-storage.js';
import type { Database } from './database.js';
import { type LowdbDataDir, LowdbFileError, readLowdbDataDir } from './lowdb-data-dir.js';
import { jsonbText, pgText } from './pg-text.js';

/**
 * `npm run db:import`: copies what a pilot keeps in DATA_DIR (the lowdb
 * files) into a migrated PostgreSQL schema, keeping identities exactly:
 * tracking numbers (live and retired), idempotency keys, liaison account ids,
 * link-code hashes, state keys and eTags, conversation keys, correction ids,
 * inbox ids, and every timestamp as the files hold it.
 *
 * - All or nothing: every file is read and checked first (an unreadable one
 *   fails naming it, before the database is touched), then every row is
 *   written in ONE transaction, which an error rolls back whole.
 * - Idempotent: rows go in with ON CONFLICT DO NOTHING on their natural keys,
 *   and what the database already holds wins, so a second run stores nothing
 *   new and the report says "already there". A row held by something ELSE
 *   in the database (a tracking number or account id of another request or
 *   account, an idempotency key of another request, an identity acting for
 *   another account) fails the import naming it: nothing is overwritten.
 *   Imports into one schema take turns (a transaction advisory lock).
 * - Run it with the lowdb server stopped: it takes DATA_DIR's lock
 *   (bot/data-dir-lock.ts) for its whole run, so it refuses to start while a
 *   server holds the folder (the lowdb files are then still changing) and no
 *   server can start on the folder meanwhile. It writes nothing in DATA_DIR
 *   but the lock, so the pilot can go back to its files.
 * - Run it before the PostgreSQL servers take traffic. Rows production later
 *   DELETES (an opt-in after STOP, a finished conversation's state, done inbox
 *   ids once pruned) are not remembered anywhere, so a run after that would
 *   bring them back; requests erased in the database are the exception (their
 *   retired numbers say so) and stay erased.
 * - Photos (DATA_DIR/uploads) stay files: the report counts them; serve them
 *   with UPLOAD_DIR pointing at that folder (or a copy of it).
 * - Inbox: pending messages come with their payload and attempts, claimable
 *   at once (as after a restart); done ids come for the de-duplication window
 *   the file inbox keeps (24 h), so a provider retrying a message the pilot
 *   already ran is still recognised.
 */
export interface ImportLowdbOptions {
  readonly dataDir: string;
  /** A pool over the target schema, migrated (scripts/db-import.ts migrates first). */
  readonly db: Database;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export const IMPORT_KINDS = [
  'requests',
  'idempotencyKeys',
  'retiredNumbers',
  'liaisonAccounts',
  'liaisonIdentities',
  'linkCodes',
  'botState',
  'conversations',
  'optOuts',
  'corrections',
  'inboxPending',
  'inboxDone',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What a report line says of each kind. */
export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = {
  requests: 'requests (history, followers)',
  idempotencyKeys: 'idempotency keys',
  retiredNumbers: 'retired tracking numbers',
  liaisonAccounts: 'liaison accounts',
  liaisonIdentities: 'liaison identities',
  linkCodes: 'link codes (hashes)',
  botState: 'bot state items',
  conversations: 'conversation references',
  optOuts: 'opt-outs',
  corrections: 'staff corrections',
  inboxPending: 'inbox: pending messages',
  inboxDone: 'inbox: done ids (last 24 h)',
};

export interface KindCount {
  /** In the DATA_DIR files. */
  readonly found: number;
  /** Written by this run. */
  readonly imported: number;
  /** In the database before this run (an earlier import, or erased there since). */
  readonly alreadyThere: number;
}

export interface ImportReport {
  readonly dataDir: string;
  readonly schema: string;
  readonly counts: Readonly<Record<ImportKind, KindCount>>;
  /** lowdb files that were not in DATA_DIR (nothing of their kind). */
  readonly missingFiles: readonly string[];
  /** Photos: files that stay where they are (serve them with UPLOAD_DIR), never copied into the database. */
  readonly uploads: { readonly dir: string; readonly files: number };
  /** What a reader should know beyond the counts. */
  readonly notes: readonly string[];
}

export type ImportErrorCode =
  /** DATA_DIR is not a folder. */
  | 'data-dir-missing'
  /** A server holds DATA_DIR's lock. */
  | 'data-dir-locked'
  /** A lowdb file is there but unreadable; `file` names it. */
  | 'file-unreadable'
  /** Something else in the database holds an identity the import would write. */
  | 'clash'
  /** The schema has not been migrated. */
  | 'not-migrated';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** The DATA_DIR file at fault, for 'file-unreadable'. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Rows sent per statement (as one jsonb array). */
const BATCH = 500;
const UNDEFINED_TABLE = '42P01';
const UNIQUE_VIOLATION = '23505';

export async function importLowdbDataDir(options: ImportLowdbOptions): Promise<ImportReport> {
  const { db } = options;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(options.dataDir);
  const isDir = await stat(dataDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new ImportError('data-dir-missing', `DATA_DIR ${dataDir} is not a folder`);

  let lock: Awaited<ReturnType<typeof acquireDataDirLock>>;
  try {
    lock = await acquireDataDirLock(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new ImportError(
        'data-dir-locked',
        `${error.message}. Stop the server before importing: its files are still changing`,
      );
    }
    throw error;
  }
  try {
    let data: LowdbDataDir;
    try {
      data = await readLowdbDataDir(dataDir);
    } catch (error) {
      if (error instanceof LowdbFileError) {
        throw new ImportError('file-unreadable', `${error.message}; nothing was imported`, error.file);
      }
      throw error;
    }
    logger.info('lowdb import: files read', {
      requests: data.requests.length,
      missing: data.missing.join(', ') || 'none',
    });
    const now = clock();
    let counts: Record<ImportKind, KindCount>;
    const notes: string[] = [];
    try {
      counts = await db.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`open311-bot:import:${db.schema}`]);
        return {
          ...(await importRequests(client, data, now, notes)),
          ...(await importLiaisons(client, data)),
          ...(await importBot(client, data, now)),
        };
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) {
        throw new ImportError(
          'not-migrated',
          `schema "${db.schema}" is not migrated (${(error as Error).message}); run npm run db:migrate`,
        );
      }
      throw error;
    }
    if (data.inboxSkippedLines > 0) {
      notes.push(
        `${data.inboxSkippedLines} unreadable line(s) of inbox.jsonl skipped, as the file inbox skips them`,
      );
      logger.warn('lowdb import: unreadable inbox journal lines skipped', { count: data.inboxSkippedLines });
    }
    const uploads = { dir: join(dataDir, 'uploads'), files: data.uploads };
    const report: ImportReport = {
      dataDir,
      schema: db.schema,
      counts,
      missingFiles: data.missing,
      uploads,
      notes,
    };
    logger.info('lowdb import: done', {
      schema: db.schema,
      imported: IMPORT_KINDS.reduce((n, kind) => n + counts[kind].imported, 0),
      alreadyThere: IMPORT_KINDS.reduce((n, kind) => n + counts[kind].alreadyThere, 0),
    });
    return report;
  } finally {
    await lock.release();
  }
}

const count = (found: number, imported: number): KindCount => ({
  found,
  imported,
  alreadyThere: found - imported,
});

/** Where and how `insertRows` stores rows; each column is named once, with its SQL type. */
interface RowsInto<Column extends string> {
  readonly table: string;
  /** The columns taken from the rows, with their SQL types. */
  readonly columns: Readonly<Record<Column, string>>;
  /** Columns given by an SQL expression instead (of x.<column> or $2...). */
  readonly computed?: Readonly<Record<string, string>>;
  /** What follows ON CONFLICT; without it a conflict fails the statement. */
  readonly onConflict?: string;
  /** The natural key of a stored row, as text. */
  readonly key: string;
}

/** The INSERT of `into`: $1 is a batch as a jsonb array read with jsonb_to_recordset, stored in its order. */
function insertSql(into: RowsInto<string>): string {
  const taken = Object.keys(into.columns);
  const computed = Object.entries(into.computed ?? {});
  const names = [...taken, ...computed.map(([name]) => name)].join(', ');
  const values = [...taken.map((c) => `x.${c}`), ...computed.map(([, sql]) => sql)].join(', ');
  const types = Object.entries(into.columns).map(([c, type]) => `${c} ${type}`);
  const conflict = into.onConflict === undefined ? '' : `ON CONFLICT ${into.onConflict} `;
  return (
    `INSERT INTO ${into.table} (${names}) SELECT ${values} ` +
    `FROM jsonb_to_recordset($1::jsonb) AS x(ord int, ${types.join(', ')}) ORDER BY x.ord ` +
    `${conflict}RETURNING ${into.key} AS k`
  );
}

/**
 * Inserts `rows` (each with `ord`, its place in the file) in batches as
 * `into` says, $2... being `more`; returns the natural keys of the rows it stored.
 */
async function insertRows<Column extends string>(
  client: pg.PoolClient,
  into: RowsInto<Column>,
  rows: readonly Readonly<Record<NoInfer<Column>, unknown>>[],
  more: readonly unknown[] = [],
): Promise<Set<string>> {
  const sql = insertSql(into);
  const stored = new Set<string>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((row, n) => ({ ...row, ord: i + n }));
    const result = await client.query<{ k: string }>(sql, [jsonbText(batch), ...more]);
    for (const row of result.rows) stored.add(row.k);
  }
  return stored;
}

/** Epoch milliseconds as the ISO text a timestamptz column takes. */
const iso = (ms: number) => new Date(ms).toISOString();
const sameTime = (a: Date | string, b: string) => new Date(a).getTime() === Date.parse(b);

async function importRequests(
  client: pg.PoolClient,
  data: LowdbDataDir,
  now: Date,
  notes: string[],
): Promise<Pick<Record<ImportKind, KindCount>, 'requests' | 'idempotencyKeys' | 'retiredNumbers'>> {
  const ids = data.requests.map((r) => r.id);
  // A number is claimed in tracking_numbers first; one already there is not a new request.
  const claimed = new Set<string>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const result = await client.query<{ id: string }>(
      `INSERT INTO tracking_numbers (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING id`,
      [ids.slice(i, i + BATCH)],
    );
    for (const row of result.rows) claimed.add(row.id);
  }
  const rows = data.requests
    .filter((r) => claimed.has(r.id))
    .map((r) => {
      const { id, followers, ...body } = r;
      return {
        id,
        service_code: body.serviceCode,
        status: body.status,
        requested_at: body.requestedAt,
        requester_channel: body.requester.channel,
        requester_user: body.requester.userId,
        account_id: body.accountId ?? null,
        neighborhood: body.neighborhood ?? null,
        idempotency_key: data.idempotencyKeys.get(id) ?? null,
        body,
        followers,
      };
    });
  const stored = await insertRows(
    client,
    {
      table: 'requests',
      columns: {
        id: 'text',
        service_code: 'text',
        status: 'text',
        requested_at: 'timestamptz',
        requester_channel: 'text',
        requester_user: 'text',
        account_id: 'text',
        neighborhood: 'text',
        idempotency_key: 'text',
        body: 'jsonb',
        followers: 'jsonb',
      },
      onConflict: 'DO NOTHING',
      key: 'id',
    },
    rows,
  );
  // A fresh number whose request was not stored: its idempotency key belongs to another request.
  const keyTaken = rows.find((row) => !stored.has(row.id));
  if (keyTaken !== undefined) {
    throw new ImportError(
      'clash',
      `request ${keyTaken.id}: its idempotency key is held by another request in the database; nothing was imported`,
    );
  }
  const erased = await checkExistingRequests(
    client,
    data.requests.filter((r) => !claimed.has(r.id)),
  );
  if (erased > 0) {
    notes.push(`${erased} request(s) erased in the database since an earlier import stay erased`);
  }

  const retired = new Set<string>();
  for (let i = 0; i < data.retiredIds.length; i += BATCH) {
    const result = await client.query<{ id: string }>(
      `INSERT INTO tracking_numbers (id, retired_at) SELECT unnest($1::text[]), $2
       ON CONFLICT DO NOTHING RETURNING id`,
      [data.retiredIds.slice(i, i + BATCH), now],
    );
    for (const row of result.rows) retired.add(row.id);
  }
  const keyed = data.requests.filter((r) => data.idempotencyKeys.has(r.id));
  return {
    requests: count(data.requests.length, stored.size),
    idempotencyKeys: count(keyed.length, keyed.filter((r) => stored.has(r.id)).length),
    retiredNumbers: count(data.retiredIds.length, retired.size),
  };
}

/**
 * The requests whose numbers the database already had: each must be the same
 * request (same filing time and requester; an earlier import) or erased there
 * since. Returns how many were erased; a number held by another request fails.
 */
async function checkExistingRequests(
  client: pg.PoolClient,
  existing: readonly LowdbDataDir['requests'][number][],
): Promise<number> {
  let erased = 0;
  for (let i = 0; i < existing.length; i += BATCH) {
    const batch = existing.slice(i, i + BATCH);
    const { rows } = await client.query<{
      id: string;
      requested_at: Date | null;
      requester_channel: string | null;
      requester_user: string | null;
    }>(
      `SELECT t.id, r.requested_at, r.requester_channel, r.requester_user
         FROM tracking_numbers t LEFT JOIN requests r ON r.id = t.id
        WHERE t.id = ANY($1::text[])`,
      [batch.map((r) => r.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const request of batch) {
      const row = byId.get(request.id);
      if (row?.requested_at === null || row?.requested_at === undefined) {
        erased += 1;
        continue;
      }
      const same =
        sameTime(row.requested_at, request.requestedAt) &&
        row.requester_channel === pgText(request.requester.channel) &&
        row.requester_user === pgText(request.requester.userId);
      if (!same) {
        throw new ImportError(
          'clash',
          `tracking number ${request.id} is another request's in the database; nothing was imported`,
        );
      }
    }
  }
  return erased;
}

async function importLiaisons(
  client: pg.PoolClient,
  data: LowdbDataDir,
): Promise<Pick<Record<ImportKind, KindCount>, 'liaisonAccounts' | 'liaisonIdentities' | 'linkCodes'>> {
  const accounts = data.liaisons;
  const stored = await insertRows(
    client,
    {
      table: 'liaison_accounts',
      columns: {
        id: 'text',
        name: 'text',
        neighborhood: 'text',
        organisation: 'text',
        created_at: 'timestamptz',
        revoked_at: 'timestamptz',
      },
      onConflict: '(id) DO NOTHING',
      key: 'id',
    },
    accounts.map((a) => ({
      id: a.id,
      name: a.name,
      neighborhood: a.neighborhood,
      organisation: a.organisation,
      created_at: a.createdAt,
      revoked_at: a.revokedAt ?? null,
    })),
  );
  // An account id already there must be the same account (an earlier import), never another one.
  const existing = accounts.filter((a) => !stored.has(a.id));
  if (existing.length > 0) {
    const { rows } = await client.query<{ id: string; name: string; created_at: Date }>(
      'SELECT id, name, created_at FROM liaison_accounts WHERE id = ANY($1::text[])',
      [existing.map((a) => a.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const account of existing) {
      const row = byId.get(account.id);
      if (!row || row.name !== pgText(account.name) || !sameTime(row.created_at, account.createdAt)) {
        throw new ImportError(
          'clash',
          `liaison account ${account.id} is another account's id in the database; nothing was imported`,
        );
      }
    }
  }
  // Identities and codes of an account already there are the database's (it may have changed since).
  const fresh = accounts.filter((a) => stored.has(a.id));
  const identities = fresh.flatMap((a) =>
    a.identities.map((i) => ({
      account_id: a.id,
      channel: i.channel,
      user_id: i.userId,
      linked_at: i.linkedAt,
      revoked_at: i.revokedAt ?? null,
      acting: a.revokedAt === undefined && i.revokedAt === undefined,
    })),
  );
  let linked: Set<string>;
  try {
    linked = await insertRows(
      client,
      {
        table: 'liaison_identities',
        columns: {
          account_id: 'text',
          channel: 'text',
          user_id: 'text',
          linked_at: 'timestamptz',
          revoked_at: 'timestamptz',
          acting: 'boolean',
        },
        onConflict: '(account_id, channel, user_id) DO NOTHING',
        key: "account_id || ' ' || seq",
      },
      identities,
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      throw new ImportError(
        'clash',
        'a liaison identity of the DATA_DIR already acts for another account in the database ' +
          '(unlink it there first); nothing was imported',
      );
    }
    throw error;
  }
  const codes = fresh.flatMap((a) =>
    a.codes.map((c) => ({
      account_id: a.id,
      hash: c.hash,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      used_at: c.usedAt ?? null,
      superseded_at: c.supersededAt ?? null,
    })),
  );
  const added = await insertRows(
    client,
    {
      table: 'liaison_link_codes',
      columns: {
        account_id: 'text',
        hash: 'text',
        created_at: 'timestamptz',
        expires_at: 'timestamptz',
        used_at: 'timestamptz',
        superseded_at: 'timestamptz',
      },
      key: 'seq::text',
    },
    codes,
  );
  return {
    liaisonAccounts: count(accounts.length, stored.size),
    liaisonIdentities: count(
      accounts.reduce((n, a) => n + a.identities.length, 0),
      linked.size,
    ),
    linkCodes: count(
      accounts.reduce((n, a) => n + a.codes.length, 0),
      added.size,
    ),
  };
}

async function importBot(
  client: pg.PoolClient,
  data: LowdbDataDir,
  now: Date,
): Promise<
  Pick<
    Record<ImportKind, KindCount>,
    'botState' | 'conversations' | 'optOuts' | 'corrections' | 'inboxPending' | 'inboxDone'
  >
> {
  const state = await insertRows(
    client,
    {
      table: 'bot_state',
      columns: { key: 'text', value: 'jsonb', etag: 'text', expires: 'boolean', updated_at: 'timestamptz' },
      onConflict: '(key) DO NOTHING',
      key: 'key',
    },
    data.state.map((item) => ({
      key: item.key,
      value: item.value,
      // The eTag a reader holds stays valid; an item stored without one gets one.
      etag: item.eTag || randomBytes(12).toString('base64url'),
      expires: isConversationKey(item.key),
      updated_at: iso(item.touchedAt),
    })),
  );
  const conversations = await insertRows(
    client,
    {
      table: 'conversation_references',
      columns: {
        channel: 'text',
        conversation_id: 'text',
        user_id: 'text',
        reference: 'jsonb',
        updated_at: 'timestamptz',
      },
      onConflict: '(channel, conversation_id) DO NOTHING',
      key: "channel || ' ' || conversation_id",
    },
    data.conversations.map((c) => ({
      channel: c.channel,
      conversation_id: c.conversationId,
      user_id: c.userId ?? null,
      reference: JSON.parse(c.referenceJson) as unknown,
      updated_at: iso(c.updatedAt),
    })),
  );
  const optOuts = await insertRows(
    client,
    {
      table: 'opt_outs',
      columns: { channel: 'text', user_id: 'text', keyword: 'text', opted_out_at: 'timestamptz' },
      onConflict: '(channel, user_id) DO NOTHING',
      key: "channel || ' ' || user_id",
    },
    data.optOuts.map((o) => ({
      channel: o.channel,
      user_id: o.userId,
      keyword: o.keyword,
      opted_out_at: o.at,
    })),
  );
  const corrections = await insertRows(
    client,
    {
      table: 'corrections',
      columns: {
        id: 'text',
        made_at: 'timestamptz',
        question: 'text',
        outcome: 'text',
        answered_topic: 'text',
        score: 'double precision',
        correct_topic: 'text',
        note: 'text',
        made_by: 'text',
      },
      onConflict: '(id) DO NOTHING',
      key: 'id',
    },
    data.corrections.map((c) => ({
      id: c.id,
      made_at: c.at,
      question: c.question,
      outcome: c.outcome,
      answered_topic: c.answeredTopic ?? null,
      score: c.score,
      correct_topic: c.correctTopic ?? null,
      note: c.note ?? null,
      made_by: c.by,
    })),
  );
  // Pending messages are claimable at once (their lease ran out with the pilot's process).
  const pending = await insertRows(
    client,
    {
      table: 'inbox',
      columns: {
        channel: 'text',
        id: 'text',
        payload: 'jsonb',
        received_at: 'timestamptz',
        attempts: 'integer',
      },
      computed: { lease_until: 'x.received_at' },
      onConflict: '(channel, id) DO NOTHING',
      key: "channel || ' ' || id",
    },
    data.inboxPending.map((m) => ({
      channel: m.channel,
      id: m.id,
      payload: JSON.parse(m.payloadJson) as unknown,
      received_at: iso(m.receivedAt),
      attempts: m.attempts,
    })),
  );
  // Done ids of the de-duplication window, as the file inbox keeps them on open (no payload: it is gone).
  const windowStart = now.getTime() - DEFAULT_DEDUPE_WINDOW_MS;
  const recentDone = data.inboxDone.filter((m) => m.receivedAt >= windowStart);
  const done = await insertRows(
    client,
    {
      table: 'inbox',
      columns: { channel: 'text', id: 'text', received_at: 'timestamptz' },
      computed: { payload: "'null'::jsonb", lease_until: 'x.received_at', done_at: '$2::timestamptz' },
      onConflict: '(channel, id) DO NOTHING',
      key: "channel || ' ' || id",
    },
    recentDone.map((m) => ({ channel: m.channel, id: m.id, received_at: iso(m.receivedAt) })),
    [now],
  );
  return {
    botState: count(data.state.length, state.size),
    conversations: count(data.conversations.length, conversations.size),
    optOuts: count(data.optOuts.length, optOuts.size),
    corrections: count(data.corrections.length, corrections.size),
    inboxPending: count(data.inboxPending.length, pending.size),
    inboxDone: count(recentDone.length, done.size),
  };
}
