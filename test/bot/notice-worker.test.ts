import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryConversationStore } from '../../bot/conversation-store.js';
import { errorCode, recipientKey } from '../../bot/notice-worker.js';
import { createMemoryOptOutStore } from '../../bot/opt-out-store.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { MAX_NOTICE_ATTEMPTS, NOTICE_RETRY_DELAYS_MS } from '../../requests/outbox.js';
import type { RequestStore } from '../../requests/types.js';
import { counter } from '../requests/request-store-contract.js';
import {
  type Delivered,
  filePothole,
  type NoticeInstance,
  noticeInstance,
  RESIDENT,
  reference,
  requestService,
} from './notice-fixture.js';

describe('Status notices from the outbox (lowdb)', () => {
  let dir: string;
  let now: Date;
  const clock = () => now;
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  let log: Delivered[];
  const conversations = createMemoryConversationStore();
  const stores: RequestStore[] = [];
  const instances: NoticeInstance[] = [];

  const open = async () => {
    const store = await createLowdbRequestStore({
      file: join(dir, 'requests.json'),
      newId: counter(),
      clock,
    });
    stores.push(store);
    return store;
  };
  const instance = async (store: RequestStore) => {
    const made = await noticeInstance({ store, clock, log, conversations });
    instances.push(made);
    return made;
  };
  const texts = () => log.map((d) => `${d.channel} ${d.to}: ${d.text?.replace(/ Expected by .*$/, '')}`);

  before(async () => {
    await conversations.save(reference('sms', RESIDENT.userId));
    await conversations.save(reference('sms', '+12155550122'));
    await conversations.save(reference('slack', 'U7'));
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notices-'));
    now = new Date('2026-11-23T15:00:00.000Z');
    log = [];
  });
  afterEach(async () => {
    for (const made of instances.splice(0)) await made.notifier.stop();
    for (const store of stores.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the notice as soon as the status changes, without waiting for a poll', async () => {
    const { requests, notifier } = await instance(await open());
    notifier.start();
    const request = await filePothole(requests);
    await requests.changeStatus(request.id, { status: 'in-progress', note: 'Crew assigned', by: 'staff' });
    await notifier.idle();
    assert.deepEqual(texts(), [
      `sms ${RESIDENT.userId}: Update on request #${request.id} (Pothole): In progress - Crew assigned.`,
    ]);
    assert.deepEqual(await stores[0]!.outbox.list(), [], 'nothing left queued');
  });

  it('retries a provider failure after 30 s and 2 min: the notice arrives once, on the third try', async () => {
    const { requests, notifier, sms } = await instance(await open());
    notifier.start();
    sms.failNext(2);
    const request = await filePothole(requests);
    await requests.changeStatus(request.id, { status: 'scheduled', by: 'staff' });
    await notifier.idle();
    assert.deepEqual([sms.attempts, log.length], [1, 0]);
    const [queued] = await stores[0]!.outbox.list({ status: 'pending' });
    assert.equal(queued?.lastError, 'sms: HTTP 503', 'the code, never the message (it held a number)');

    later(NOTICE_RETRY_DELAYS_MS[0]! - 1);
    await notifier.sendDue();
    assert.equal(sms.attempts, 1, 'not before its retry is due');
    later(1);
    await notifier.sendDue();
    assert.deepEqual([sms.attempts, log.length], [2, 0]);
    later(NOTICE_RETRY_DELAYS_MS[1]!);
    await notifier.sendDue();
    assert.deepEqual([sms.attempts, log.length], [3, 1]);
    assert.match(log[0]!.text!, new RegExp(`^Update on request #${request.id} .*Scheduled`));
    assert.deepEqual(await stores[0]!.outbox.list(), []);
  });

  it('tells each of three people once when the second one fails at first', async () => {
    const { requests, notifier, slack } = await instance(await open());
    notifier.start();
    const request = await filePothole(requests);
    await requests.follow(request.id, { channel: 'slack', userId: 'U7' });
    await requests.follow(request.id, { channel: 'sms', userId: '+12155550122' });
    slack.failNext(1);
    await requests.changeStatus(request.id, { status: 'closed-fixed', by: 'staff' });
    await notifier.idle();
    assert.deepEqual(
      log.map((d) => d.to),
      [RESIDENT.userId, '+12155550122'],
    );
    const [queued] = await stores[0]!.outbox.list();
    assert.deepEqual(queued?.failedChannels, ['slack']);
    assert.deepEqual(
      [...(queued?.done ?? [])].sort(),
      [recipientKey(RESIDENT), recipientKey({ channel: 'sms', userId: '+12155550122' })].sort(),
      'kept as digests, never as numbers',
    );
    later(NOTICE_RETRY_DELAYS_MS[0]!);
    await notifier.sendDue();
    assert.deepEqual(
      log.map((d) => d.to),
      [RESIDENT.userId, '+12155550122', 'U7'],
    );
  });

  it('sends after a restart a notice whose change was stored just before a crash', async () => {
    const store = await open();
    // The change is stored (and its notice queued with it), then the process dies before any send.
    const crashed = await requestService(store, clock);
    const request = await filePothole(crashed);
    await crashed.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    await store.close();
    assert.equal(log.length, 0);

    const restarted = await instance(await open());
    restarted.notifier.start();
    await restarted.notifier.idle();
    assert.deepEqual(
      log.map((d) => d.to),
      [RESIDENT.userId],
    );
  });

  it('gives a notice up after the last attempt and keeps it for staff; nobody hears twice', async () => {
    const { requests, notifier, sms } = await instance(await open());
    notifier.start();
    const request = await filePothole(requests);
    sms.failNext(1_000);
    await requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    await notifier.idle();
    for (const delay of NOTICE_RETRY_DELAYS_MS) {
      later(delay);
      await notifier.sendDue();
    }
    later(24 * 60 * 60_000);
    await notifier.sendDue();
    assert.equal(sms.attempts, MAX_NOTICE_ATTEMPTS);
    const failed = await stores[0]!.outbox.list({ status: 'failed' });
    assert.deepEqual(
      failed.map((n) => [n.requestId, n.attempts, n.lastError]),
      [[request.id, MAX_NOTICE_ATTEMPTS, 'sms: HTTP 503']],
    );
  });

  it('counts an opted-out resident as done: nothing is sent and nothing retried', async () => {
    const optOuts = createMemoryOptOutStore();
    await optOuts.optOut('sms', RESIDENT.userId, 'STOP');
    const made = await noticeInstance({ store: await open(), clock, log, conversations, optOuts });
    instances.push(made);
    made.notifier.start();
    const request = await filePothole(made.requests);
    await made.requests.changeStatus(request.id, { status: 'in-progress', by: 'staff' });
    await made.notifier.idle();
    assert.deepEqual(log, []);
    assert.deepEqual(await stores[0]!.outbox.list(), []);
  });

  it('reads a provider error as its code or HTTP status only', () => {
    assert.equal(
      errorCode(Object.assign(new Error('to +12155550111'), { status: 400, code: 21211 })),
      'HTTP 400 21211',
    );
    assert.equal(errorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
    assert.equal(errorCode(Object.assign(new Error('x'), { code: 'not a code +1 215 555' })), 'Error');
    assert.equal(errorCode('boom'), 'Error');
  });
});
