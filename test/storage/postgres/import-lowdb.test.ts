import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreItems } from 'botbuilder';
import type { StoredReference } from '../../../bot/conversation-store.js';
import type { Correction } from '../../../bot/corrections-store.js';
import { acquireDataDirLock } from '../../../bot/data-dir-lock.js';
import { silentLogger } from '../../../bot/logger.js';
import { openLowdbStores, type Stores } from '../../../bot/stores.js';
import type { TopicId } from '../../../knowledge/types.js';
import { hashLinkCode } from '../../../requests/liaison-code.js';
import type { LiaisonAccount } from '../../../requests/liaison-types.js';
import { createLowdbRequestStore } from '../../../requests/lowdb-request-store.js';
import type { ServiceRequest, TrackingNumber } from '../../../requests/types.js';
import type { Database } from '../../../storage/postgres/database.js';
import {
  IMPORT_KINDS,
  ImportError,
  type ImportKind,
  type ImportReport,
  importLowdbDataDir,
} from '../../../storage/postgres/import-lowdb.js';
import { openPostgresStores } from '../../../storage/postgres/open-stores.js';
import { createPostgresRequestStore } from '../../../storage/postgres/request-store.js';
import { type TestDatabase, usePostgres } from '../../helpers/postgres.js';
import { linkCode, newAccount, phone, slack } from '../../requests/liaison-store-contract.js';
import { newRequest, sequence } from '../../requests/request-store-contract.js';

const START = Date.parse('2026-11-21T09:00:00.000Z');
const MINUTE = 60_000;

/** Every table the import writes, with its row count. */
const TABLES = [
  'tracking_numbers',
  'requests',
  'liaison_accounts',
  'liaison_identities',
  'liaison_link_codes',
  'bot_state',
  'conversation_references',
  'opt_outs',
  'corrections',
  'inbox',
] as const;

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }
  return counts;
}

const emptyCounts = Object.fromEntries(TABLES.map((t) => [t, 0]));

function imported(report: ImportReport): Record<ImportKind, number> {
  return Object.fromEntries(IMPORT_KINDS.map((k) => [k, report.counts[k].imported])) as Record<
    ImportKind,
    number
  >;
}

const CONVERSATION_KEY = 'sms/conversations/sms-user-1';
const USER_KEY = 'sms/users/sms-user-1';
const reference: StoredReference = {
  channelId: 'sms',
  serviceUrl: 'https://sms.invalid/',
  conversation: { id: 'sms-user-1', isGroup: false, conversationType: 'personal', name: '' },
  user: { id: 'sms-user-1', name: '' },
  bot: { id: 'city-bot', name: 'City 311' },
  locale: 'en-US',
};

/** What the pilot's stores read back before they were closed. */
interface Pilot {
  readonly dataDir: string;
  readonly requests: ServiceRequest[];
  readonly filedWithKey: ServiceRequest;
  readonly retired: TrackingNumber;
  readonly liaisons: LiaisonAccount[];
  readonly state: StoreItems;
  readonly corrections: readonly Correction[];
}

/** A pilot's DATA_DIR, written by the real lowdb stores. */
async function buildPilot(): Promise<Pilot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'import-lowdb-'));
  let now = START;
  const clock = () => new Date(now);
  const stores: Stores = await openLowdbStores({ dataDir, clock, logger: silentLogger });
  let ids: { filed: TrackingNumber; erased: TrackingNumber };
  try {
    const filedWithKey = await stores.requests.create(newRequest({ idempotencyKey: 'sms:SM-filed-1' }));
    now += MINUTE;
    await stores.requests.appendStatus(filedWithKey.id, {
      status: 'in-progress',
      at: clock().toISOString(),
      by: 'staff',
      note: 'crew assigned',
    });
    await stores.requests.addFollower(filedWithKey.id, { channel: 'slack', userId: 'U0FOLLOWER' });
    now += MINUTE;
    const second = await stores.requests.create(
      newRequest({
        serviceCode: 'streetlight' as ServiceRequest['serviceCode'],
        description: 'Light out on the corner',
        requester: { channel: 'directline', userId: 'dl-user-7' },
      }),
    );
    await stores.requests.appendStatus(second.id, {
      status: 'closed-fixed',
      at: clock().toISOString(),
      by: 'staff',
    });
    now += MINUTE;
    const erased = await stores.requests.create(newRequest({ description: 'Filed by mistake' }));
    assert.equal(await stores.requests.remove!(erased.id), true);

    const account = await stores.liaisons.create(newAccount({ code: linkCode('AAAA2222BBBB') }));
    await stores.liaisons.redeemCode(hashLinkCode('AAAA2222BBBB'), slack, '2026-11-21T09:05:00.000Z');
    await stores.liaisons.addCode(
      account.id,
      linkCode('CCCC3333DDDD', {
        createdAt: '2026-11-21T09:10:00.000Z',
        expiresAt: '2026-12-05T09:10:00.000Z',
      }),
    );

    await stores.state.write({
      [CONVERSATION_KEY]: { dialogState: { dialogStack: [{ id: 'report-problem', state: { step: 2 } }] } },
      [USER_KEY]: { profile: { language: 'es' } },
    });
    await stores.conversations.save(reference);
    await stores.optOuts.optOut('sms', 'sms-user-2', 'UNSUBSCRIBE');
    await stores.corrections.add({
      question: 'there is a hole in my street',
      outcome: 'no-match',
      answeredTopic: null,
      score: 0,
      correctTopic: 'pothole' as TopicId,
      note: 'pothole words',
      by: 'staff',
    });
    now += MINUTE;
    await stores.corrections.add({
      question: 'when does the trash come',
      outcome: 'answer',
      answeredTopic: 'recycling' as TopicId,
      score: 0.61,
      correctTopic: 'trash-pickup' as TopicId,
      by: 'staff',
    });
    const payload = {
      type: 'message',
      channelId: 'sms',
      from: { id: 'sms-user-3' },
      text: 'pothole on my block',
    };
    assert.equal(await stores.inbox.accept({ channel: 'sms', id: 'SM-pending', payload }, 60_000), 'new');
    assert.equal(await stores.inbox.accept({ channel: 'sms', id: 'SM-done', payload }, 60_000), 'new');
    await stores.inbox.done('sms', 'SM-done');

    await mkdir(join(dataDir, 'uploads'), { recursive: true });
    await writeFile(join(dataDir, 'uploads', 'photo-1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));

    ids = { filed: filedWithKey.id, erased: erased.id };
  } finally {
    await stores.close();
  }
  // What the pilot reads back after a restart: the files, not the objects in memory.
  const reopened = await openLowdbStores({ dataDir, clock, logger: silentLogger });
  try {
    return {
      dataDir,
      requests: await reopened.requests.find({}),
      filedWithKey: (await reopened.requests.get(ids.filed))!,
      retired: ids.erased,
      liaisons: await reopened.liaisons.list(),
      state: await reopened.state.read([CONVERSATION_KEY, USER_KEY]),
      corrections: await reopened.corrections.list(),
    };
  } finally {
    await reopened.close();
  }
}

const clock = () => new Date(START + 10 * MINUTE);

async function openPostgres(pg: TestDatabase): Promise<Stores> {
  return openPostgresStores({
    database: { url: pg.url, schema: pg.schema, poolSize: 4 },
    db: pg.db,
    clock,
    logger: silentLogger,
  });
}

describe('lowdb DATA_DIR import into PostgreSQL', () => {
  const pg = usePostgres();
  let pilot: Pilot;
  let first: ImportReport;

  before(async () => {
    pilot = await buildPilot();
    first = await importLowdbDataDir({ dataDir: pilot.dataDir, db: pg.db, clock });
  });
  after(async () => {
    if (pilot) await rm(pilot.dataDir, { recursive: true, force: true });
  });

  it('reports what it found and imported of each kind, and leaves photos where they are', () => {
    assert.deepEqual(imported(first), {
      requests: 2,
      idempotencyKeys: 1,
      retiredNumbers: 1,
      liaisonAccounts: 1,
      liaisonIdentities: 1,
      linkCodes: 2,
      botState: 2,
      conversations: 1,
      optOuts: 1,
      corrections: 2,
      inboxPending: 1,
      inboxDone: 1,
    });
    for (const kind of IMPORT_KINDS) {
      assert.equal(first.counts[kind].found, first.counts[kind].imported, kind);
      assert.equal(first.counts[kind].alreadyThere, 0, kind);
    }
    assert.deepEqual(first.missingFiles, []);
    assert.deepEqual(first.uploads, { dir: join(pilot.dataDir, 'uploads'), files: 1 });
  });

  it('reads back the same through the PostgreSQL stores', async () => {
    const stores = await openPostgres(pg);
    try {
      // Requests: numbers, history, followers, timestamps, newest first as before.
      assert.deepEqual(await stores.requests.find({}), pilot.requests);
      const tracked = await stores.requests.get(pilot.filedWithKey.id);
      assert.deepEqual(tracked, pilot.filedWithKey);
      assert.deepEqual(
        tracked?.history.map((h) => h.status),
        ['received', 'in-progress'],
      );
      assert.deepEqual(tracked?.followers, [{ channel: 'slack', userId: 'U0FOLLOWER' }]);
      assert.deepEqual(
        await stores.requests.find({ involving: { channel: 'slack', userId: 'U0FOLLOWER' } }),
        [pilot.filedWithKey],
      );
      assert.equal(await stores.requests.get(pilot.retired), undefined);
      // The idempotency key still names its filing: a retry files nothing new.
      const retried = await stores.requests.create(newRequest({ idempotencyKey: 'sms:SM-filed-1' }));
      assert.equal(retried.id, pilot.filedWithKey.id);

      // Liaisons: the account, its linked identity, and the unused code still redeemable.
      assert.deepEqual(await stores.liaisons.list(), pilot.liaisons);
      assert.equal((await stores.liaisons.findByIdentity(slack))?.id, pilot.liaisons[0]!.id);
      const redeemed = await stores.liaisons.redeemCode(
        hashLinkCode('CCCC3333DDDD'),
        phone,
        '2026-11-22T09:00:00.000Z',
      );
      assert.equal(redeemed.outcome, 'linked');
      assert.equal(
        (await stores.liaisons.redeemCode(hashLinkCode('AAAA2222BBBB'), phone, '2026-11-22T09:00:00.000Z'))
          .outcome,
        'already-linked',
      );

      // Bot state: the same items under the same eTags (a writer holding one is not refused).
      const state = await stores.state.read([CONVERSATION_KEY, USER_KEY]);
      assert.deepEqual(state, pilot.state);
      await stores.state.write({ [USER_KEY]: { ...state[USER_KEY], profile: { language: 'en' } } });

      assert.deepEqual(await stores.conversations.get('sms', 'sms-user-1'), reference);
      assert.deepEqual(await stores.conversations.findByUser('sms', 'sms-user-1'), reference);

      assert.equal(await stores.optOuts.isOptedOut('sms', 'sms-user-2'), true);
      const optOut = await pg.db.query<{ keyword: string; opted_out_at: Date }>(
        'SELECT keyword, opted_out_at FROM opt_outs',
      );
      assert.deepEqual(
        optOut.rows.map((r) => [r.keyword, r.opted_out_at.toISOString()]),
        [['UNSUBSCRIBE', new Date(START + 3 * MINUTE).toISOString()]],
      );

      assert.deepEqual(await stores.corrections.list(), pilot.corrections);

      // The pending message is claimable at once; the done one is still recognised as a retry.
      const claimed = await stores.inbox.claimPending(10, 60_000);
      assert.deepEqual(
        claimed.map((m) => [m.channel, m.id, m.attempts, (m.payload as { text: string }).text]),
        [['sms', 'SM-pending', 2, 'pothole on my block']],
      );
      assert.equal(
        await stores.inbox.accept({ channel: 'sms', id: 'SM-done', payload: { type: 'message' } }, 60_000),
        'duplicate',
      );
    } finally {
      await stores.close();
    }
  });

  it('run again, stores nothing new and duplicates nothing', async () => {
    const before = await rowCounts(pg.db);
    const again = await importLowdbDataDir({ dataDir: pilot.dataDir, db: pg.db, clock });
    for (const kind of IMPORT_KINDS) {
      assert.equal(again.counts[kind].imported, 0, kind);
      assert.equal(again.counts[kind].alreadyThere, first.counts[kind].found, kind);
    }
    assert.deepEqual(await rowCounts(pg.db), before);
    // What changed in the database since (a status change, a second link) is kept, not overwritten.
    const stores = await openPostgres(pg);
    try {
      assert.equal((await stores.liaisons.findByIdentity(phone))?.id, pilot.liaisons[0]!.id);
    } finally {
      await stores.close();
    }
  });

  it('never issues a retired or imported tracking number for a request filed on PostgreSQL', async () => {
    const [newest, older] = pilot.requests;
    const store = await createPostgresRequestStore({
      db: pg.db,
      newId: sequence(pilot.retired, newest!.id, older!.id, '98765432'),
      clock,
    });
    const filed = await store.create(newRequest({ description: 'After the move to PostgreSQL' }));
    assert.equal(filed.id, '98765432');
    assert.equal((await store.get(newest!.id))?.description, newest!.description);
    await store.close();
  });

  it('refuses to run while a server holds the DATA_DIR lock, and writes nothing', async () => {
    const before = await rowCounts(pg.db);
    const lock = await acquireDataDirLock(pilot.dataDir);
    try {
      await assert.rejects(
        importLowdbDataDir({ dataDir: pilot.dataDir, db: pg.db, clock }),
        (error: unknown) => error instanceof ImportError && error.code === 'data-dir-locked',
      );
    } finally {
      await lock.release();
    }
    assert.deepEqual(await rowCounts(pg.db), before);
  });
});

describe('lowdb DATA_DIR import that fails', () => {
  const pg = usePostgres();
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'import-lowdb-bad-'));
    await pg.db.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  /** Opt-outs and corrections beside whatever the test breaks, so a partial import would show. */
  async function pilotWithOthers(): Promise<void> {
    const stores = await openLowdbStores({ dataDir, logger: silentLogger });
    await stores.optOuts.optOut('sms', 'sms-user-2', 'STOP');
    await stores.liaisons.create(newAccount());
    await stores.close();
  }

  it('names a corrupt requests.json and leaves the schema empty', async () => {
    await pilotWithOthers();
    await writeFile(join(dataDir, 'requests.json'), '{"version":1,"requests":[{"id":"1234');
    await assert.rejects(
      importLowdbDataDir({ dataDir, db: pg.db }),
      (error: unknown) =>
        error instanceof ImportError &&
        error.code === 'file-unreadable' &&
        error.file === join(dataDir, 'requests.json') &&
        error.message.includes(join(dataDir, 'requests.json')),
    );
    assert.deepEqual(await rowCounts(pg.db), emptyCounts);
  });

  it('rolls back everything when the database holds one of its tracking numbers for another request', async () => {
    const taken = await createPostgresRequestStore({ db: pg.db, newId: sequence('55555555') });
    await taken.create(newRequest({ description: 'Filed on PostgreSQL first' }));
    await pilotWithOthers();
    const lowdb = await createLowdbRequestStore({
      file: join(dataDir, 'requests.json'),
      newId: sequence('44444444', '55555555'),
    });
    await lowdb.create(newRequest({ requester: { channel: 'slack', userId: 'U0OTHER' } }));
    await lowdb.create(newRequest({ requester: { channel: 'slack', userId: 'U0OTHER' } }));
    await lowdb.close();
    const before = await rowCounts(pg.db);

    await assert.rejects(
      importLowdbDataDir({ dataDir, db: pg.db }),
      (error: unknown) =>
        error instanceof ImportError && error.code === 'clash' && error.message.includes('55555555'),
    );
    assert.deepEqual(await rowCounts(pg.db), before);
  });

  it('imports an empty DATA_DIR as nothing, naming the files that were not there', async () => {
    const report = await importLowdbDataDir({ dataDir, db: pg.db });
    for (const kind of IMPORT_KINDS)
      assert.deepEqual(report.counts[kind], { found: 0, imported: 0, alreadyThere: 0 });
    assert.deepEqual([...report.missingFiles].sort(), [
      'conversations.json',
      'corrections.json',
      'inbox.jsonl',
      'liaisons.json',
      'optouts.json',
      'requests.json',
      'state.json',
    ]);
    assert.deepEqual(await rowCounts(pg.db), emptyCounts);
  });
});
