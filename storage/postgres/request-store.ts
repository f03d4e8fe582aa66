import { type Clock, systemClock } from '../../bot/clock.js';
import { checkIdempotencyKey } from '../../requests/lowdb-request-store.js';
import type { Outbox } from '../../requests/outbox.js';
import { RequestError } from '../../requests/request-error.js';
import {
  isTrackingNumber,
  randomTrackingNumber,
  type TrackingNumberGenerator,
} from '../../requests/tracking-number.js';
import {
  OPEN_STATUSES,
  type Requester,
  type RequestFilter,
  type RequestStatus,
  type RequestStore,
  type ServiceRequest,
  type StatusChange,
  type TrackingNumber,
} from '../../requests/types.js';
import type { Database } from './database.js';
import { createPostgresOutbox } from './outbox.js';

/**
 * The request store on PostgreSQL (tables of migrations/001_requests.sql),
 * for any number of instances sharing one database. Every method is one or
 * two statements, each atomic on its own, so no method holds a transaction
 * open across round trips.
 *
 * - A tracking number is claimed by inserting it into `tracking_numbers`,
 *   whose primary key the database enforces across instances; a number
 *   already there (live, retired, or claimed a moment ago elsewhere) makes the
 *   store draw again. Removing a request keeps its number there, retired.
 * - Filing with an idempotency key inserts with ON CONFLICT on the key's
 *   unique column: of racing creates one row is stored, and the others read it.
 * - A status change with `expected` is one conditional UPDATE: the row lock
 *   makes a racing change wait, and PostgreSQL re-checks the condition on the
 *   row as the winner left it, so the loser finds no row and gets 'conflict'.
 *   Adding a follower is the same kind of UPDATE, conditional on the person
 *   not being among the followers yet, so racing adds of one person add once.
 * - The status change inserts its notice into `outbox` (migrations/007_outbox.sql)
 *   in the same statement, so both are stored or neither.
 * - `find` is SQL over indexed columns, newest (requested_at, then filing
 *   order) first, with LIMIT; nothing loads the whole table.
 *
 * The store does not own the pool: close() only stops this store's use of it.
 */
export interface PostgresRequestStoreOptions {
  readonly db: Database;
  readonly newId?: TrackingNumberGenerator;
  readonly clock?: Clock;
}

/** Draws this many numbers before giving up, as the lowdb store does. */
const MAX_DRAWS = 50;

/** What `body` holds: the record less `id` and `followers` (a column of its own). */
type Body = Omit<ServiceRequest, 'id' | 'followers'>;

interface Row {
  readonly id: string;
  readonly body: Body;
  readonly followers: Requester[];
}

const COLUMNS = 'r.id, r.body, r.followers';

type CreateInput = Parameters<RequestStore['create']>[0];

/**
 * Open statuses as SQL literals (our own constants, never input). The partial
 * index requests_open_service is declared with the same list.
 */
const OPEN_SQL = [...OPEN_STATUSES].map((status) => `'${status}'`).join(', ');

const SELECT = `SELECT ${COLUMNS} FROM requests r`;

/**
 * Claims the number (unless the key is already stored) and inserts the
 * request in one statement. `stored` is 0 when the number was taken or the
 * key was (the caller tells which by looking the key up).
 */
const INSERT = `WITH claimed AS (
    INSERT INTO tracking_numbers (id)
    SELECT $1::text WHERE $8::text IS NULL OR NOT EXISTS (SELECT 1 FROM requests WHERE idempotency_key = $8)
    ON CONFLICT DO NOTHING
    RETURNING id
  ), stored AS (
    INSERT INTO requests (id, service_code, status, requested_at, requester_channel, requester_user,
                          account_id, neighborhood, idempotency_key, body)
    SELECT id, $2::text, 'received', $3::timestamptz, $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb
      FROM claimed
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id
  )
  SELECT (SELECT count(*) FROM stored)::int AS stored`;

/** PostgreSQL refuses NUL in text (22021) and the \u0000 escape in jsonb (22P05). */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export async function createPostgresRequestStore(
  options: PostgresRequestStoreOptions,
): Promise<RequestStore> {
  return new PostgresRequestStore(
    options.db,
    options.newId ?? randomTrackingNumber,
    options.clock ?? systemClock,
  );
}

class PostgresRequestStore implements RequestStore {
  private closed = false;
  readonly outbox: Outbox;

  constructor(
    private readonly db: Database,
    private readonly newId: TrackingNumberGenerator,
    private readonly clock: Clock,
  ) {
    this.outbox = createPostgresOutbox({ db, clock, assertOpen: () => this.assertOpen() });
  }

  async create(input: CreateInput): Promise<ServiceRequest> {
    this.assertOpen();
    const key = input.idempotencyKey;
    checkIdempotencyKey(key);
    const requestedAt = input.requestedAt ?? this.clock().toISOString();
    const { requestedAt: _at, idempotencyKey: _key, ...fields } = input;
    // Through JSON once, so what create returns is exactly what get reads back.
    const body = JSON.parse(
      JSON.stringify({
        ...fields,
        status: 'received',
        requestedAt,
        updatedAt: requestedAt,
        history: [{ status: 'received', at: requestedAt, by: 'system' }],
      }),
    ) as Body;
    const json = JSON.stringify(body);
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = this.newId();
      if (!isTrackingNumber(id)) {
        throw new RequestError('id-exhausted', `the id generator gave "${id}", not 8 digits`);
      }
      let stored: number;
      try {
        const result = await this.db.query<{ stored: number }>(INSERT, [
          id,
          body.serviceCode,
          requestedAt,
          body.requester.channel,
          body.requester.userId,
          body.accountId ?? null,
          body.neighborhood ?? null,
          key ?? null,
          json,
        ]);
        stored = result.rows[0]!.stored;
      } catch (error) {
        throw unstorable(error) ?? error;
      }
      if (stored === 1) return deepFreeze({ ...body, id, followers: [] } as ServiceRequest);
      if (key !== undefined) {
        // Filed under this key before, or a moment ago here or on another instance.
        const existing = await this.byKey(key);
        if (existing !== undefined) return existing;
      }
    }
    throw new RequestError('id-exhausted', `no unused tracking number after ${MAX_DRAWS} draws`);
  }

  async get(id: TrackingNumber): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
    return rows[0] && toRequest(rows[0]);
  }

  async find(filter: RequestFilter): Promise<ServiceRequest[]> {
    this.assertOpen();
    if (filter.limit !== undefined && filter.limit <= 0) return [];
    const { where, values } = compileFilter(filter);
    const limit =
      filter.limit === undefined || filter.limit === Number.POSITIVE_INFINITY
        ? ''
        : ` LIMIT ${Math.floor(filter.limit)}`;
    const sql = `${SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.requested_at DESC, r.seq DESC${limit}`;
    const { rows } = await this.db.query<Row>(sql, values);
    return rows.map(toRequest);
  }

  async appendStatus(
    id: TrackingNumber,
    change: StatusChange,
    expected?: RequestStatus,
  ): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    const entry = JSON.parse(JSON.stringify(change)) as StatusChange;
    const top = {
      status: entry.status,
      updatedAt: entry.at,
      ...(entry.note === undefined ? {} : { statusNotes: entry.note }),
    };
    const { rows } = await this.db
      .query<Row>(
        `WITH changed AS (
           UPDATE requests r
              SET status = $2,
                  body = (r.body - 'statusNotes') || $3::jsonb
                         || jsonb_build_object('history', (r.body -> 'history') || jsonb_build_array($4::jsonb))
            WHERE r.id = $1 AND ($5::text IS NULL OR r.status = $5)
           RETURNING ${COLUMNS}
         ), queued AS (
           INSERT INTO outbox (request_id, change_index, created_at, due_at)
           SELECT id, jsonb_array_length(body -> 'history') - 1, $6, $6 FROM changed
         )
         SELECT id, body, followers FROM changed`,
        [
          id,
          entry.status,
          JSON.stringify(top),
          JSON.stringify(entry),
          expected ?? null,
          this.clock().toISOString(),
        ],
      )
      .catch((error: unknown) => {
        throw unstorable(error) ?? error;
      });
    if (rows[0] !== undefined) return toRequest(rows[0]);
    if (expected === undefined) return undefined;
    const now = await this.db.query<{ status: string }>('SELECT status FROM requests WHERE id = $1', [id]);
    const status = now.rows[0]?.status;
    if (status === undefined) return undefined;
    throw new RequestError('conflict', `request ${id} is now "${status}", not "${expected}"`);
  }

  async addFollower(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined> {
    this.assertOpen();
    const person = JSON.stringify([{ channel: follower.channel, userId: follower.userId }]);
    const { rows } = await this.db
      .query<Row>(
        `UPDATE requests r SET followers = r.followers || $4::jsonb
          WHERE r.id = $1 AND NOT (r.requester_channel = $2 AND r.requester_user = $3)
            AND NOT r.followers @> $5::jsonb
          RETURNING ${COLUMNS}`,
        [id, follower.channel, follower.userId, JSON.stringify([follower]), person],
      )
      .catch((error: unknown) => {
        throw unstorable(error) ?? error;
      });
    // No row changed: unknown, the requester, or following already.
    return rows[0] === undefined ? this.get(id) : toRequest(rows[0]);
  }

  async remove(id: TrackingNumber): Promise<boolean> {
    this.assertOpen();
    // The request goes, followers and key with it; the number stays, retired.
    const result = await this.db.query(
      `WITH gone AS (DELETE FROM requests WHERE id = $1 RETURNING id)
       UPDATE tracking_numbers t SET retired_at = now() FROM gone WHERE t.id = gone.id`,
      [id],
    );
    return result.rowCount === 1;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async byKey(key: string): Promise<ServiceRequest | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE r.idempotency_key = $1`, [key]);
    return rows[0] && toRequest(rows[0]);
  }

  private assertOpen(): void {
    if (this.closed) throw new RequestError('store-closed', 'the request store is closed');
  }
}

/** The WHERE clauses of a filter, every value a bound parameter. */
function compileFilter(filter: RequestFilter): { where: string[]; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.ids !== undefined) where.push(`r.id = ANY(${param([...filter.ids])}::text[])`);
  if (filter.serviceCodes !== undefined) {
    where.push(`r.service_code = ANY(${param([...filter.serviceCodes])}::text[])`);
  }
  if (filter.statuses !== undefined) where.push(`r.status = ANY(${param([...filter.statuses])}::text[])`);
  if (filter.open !== undefined) where.push(`r.status ${filter.open ? 'IN' : 'NOT IN'} (${OPEN_SQL})`);
  if (filter.requestedFrom !== undefined) {
    where.push(`r.requested_at >= ${param(filter.requestedFrom)}::timestamptz`);
  }
  if (filter.requestedTo !== undefined)
    where.push(`r.requested_at <= ${param(filter.requestedTo)}::timestamptz`);
  if (filter.requester !== undefined) {
    where.push(
      `r.requester_channel = ${param(filter.requester.channel)} AND r.requester_user = ${param(filter.requester.userId)}`,
    );
  }
  if (filter.involving !== undefined) {
    const { channel, userId } = filter.involving;
    // Two index lookups, OR-ed as bitmaps: filed (btree), followed (GIN).
    where.push(
      `((r.requester_channel = ${param(channel)} AND r.requester_user = ${param(userId)})
        OR r.followers @> ${param(JSON.stringify([{ channel, userId }]))}::jsonb)`,
    );
  }
  if (filter.accountId !== undefined) where.push(`r.account_id = ${param(filter.accountId)}`);
  if (filter.neighborhood !== undefined) where.push(`r.neighborhood = ${param(filter.neighborhood)}`);
  if (filter.districts !== undefined && Object.keys(filter.districts).length > 0) {
    // The record's location.districts holds every one asked for (index: migration 008).
    where.push(`(r.body->'location'->'districts') @> ${param(JSON.stringify(filter.districts))}::jsonb`);
  }
  return { where, values };
}

function toRequest(row: Row): ServiceRequest {
  return deepFreeze({ ...row.body, id: row.id as TrackingNumber, followers: row.followers });
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function unstorable(error: unknown): RequestError | undefined {
  const code = pgCode(error);
  return code !== undefined && UNSTORABLE_TEXT.has(code)
    ? new RequestError('invalid-field', 'the request holds a NUL character, which cannot be stored')
    : undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
