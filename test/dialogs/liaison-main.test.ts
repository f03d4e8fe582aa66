import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import { createBot } from '../../bot/create-bot.js';
import { readExplain } from '../../bot/explain.js';
import { silentLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import { emergencyScreen } from '../../bot/runtime.js';
import { IntakeDialog } from '../../dialogs/intake-dialog.js';
import { attributeLiaisonRequests } from '../../dialogs/liaison-attribution.js';
import { LiaisonDialog } from '../../dialogs/liaison-dialog.js';
import { MyRequestsDialog } from '../../dialogs/my-requests-dialog.js';
import { StatusDialog } from '../../dialogs/status-dialog.js';
import { loadArticles } from '../../knowledge/index.js';
import type { Article, KnowledgeSearch } from '../../knowledge/types.js';
import { createKnowledgeSearch } from '../../understanding/index.js';
import { createLiaisonStack, type LiaisonStack } from '../requests/liaison-fixture.js';

/**
 * Liaison commands in the real bot: the pipeline (clean input, emergency
 * screen, state), the main dialog's routes, the real knowledge base, intake,
 * status and "my requests" dialogs, the real request and liaison services.
 */
const DANA = { channelId: 'sms', userId: '+12155550111' };
const RESIDENT = { channelId: 'sms', userId: '+12155550999' };

describe('liaison commands in the main dialog (real pipeline, dialogs and services)', () => {
  let articles: Article[];
  let search: KnowledgeSearch;
  let stack: LiaisonStack;

  before(async () => {
    articles = await loadArticles();
    search = createKnowledgeSearch(articles);
  });
  beforeEach(async () => {
    stack = await createLiaisonStack('2026-11-20T15:00:00.000Z');
  });
  afterEach(async () => {
    await stack.close();
  });

  async function bot(who: { channelId: string; userId: string }) {
    const storage = await LowdbStorage.open();
    const deps = { catalog: stack.catalog, requests: stack.requests, clock: stack.now };
    const b = createBot({
      storage,
      search,
      articles,
      cityName: 'Philadelphia',
      intake: new IntakeDialog({
        ...deps,
        requests: attributeLiaisonRequests(stack.requests, stack.liaisons),
      }),
      dialogs: [
        new StatusDialog(deps),
        new MyRequestsDialog(deps),
        new LiaisonDialog({ liaisons: stack.liaisons, intake: deps }),
      ],
    });
    const adapter = new TestAdapter(b.run, {
      channelId: who.channelId,
      from: { id: who.userId, name: 'Someone' },
      conversation: {
        id: `${who.channelId}:${who.userId}`,
        isGroup: false,
        name: 'c',
        conversationType: 'personal',
      },
    });
    usePipeline(adapter, {
      bot: b,
      emergency: emergencyScreen,
      logger: silentLogger,
    });
    return async (text: string) => {
      await adapter.receiveActivity(text);
      return adapter.activeQueue.splice(0);
    };
  }

  async function linkedDana() {
    const issued = await stack.liaisons.createAccount({
      name: 'Dana Reyes',
      neighborhood: 'Kensington',
      organisation: 'Kensington Civic Association',
    });
    const say = await bot(DANA);
    const [linked] = await say(`LIAISON ${issued.linkCode}`);
    assert.match(linked?.text ?? '', /^Linked!/);
    return { say, account: issued.account };
  }

  it('a question about the program is answered from the knowledge base, not taken as a code', async () => {
    const say = await bot(RESIDENT);
    const replies = await say('how do I become a neighborhood liaison');
    assert.equal(readExplain(replies[0]!)?.topic, 'neighborhood-liaison');
  });

  it('"my requests" lists the resident\'s own requests until the phone is linked, then the account\'s', async () => {
    const say = await bot(DANA);
    const [before] = await say('my requests');
    assert.match(before?.text ?? '', /I don't have any requests from you/);
    const issued = await stack.liaisons.createAccount({
      name: 'Dana',
      neighborhood: 'Kensington',
      organisation: 'KCA',
    });
    await say(`LIAISON ${issued.linkCode}`);
    const [after] = await say('my requests');
    assert.match(after?.text ?? '', /^Your liaison account \(Kensington\) has no requests yet/);
  });

  it('a report from a linked phone outside meeting mode is filed under the account', async () => {
    const { say, account } = await linkedDana();
    const steps: [string, RegExp][] = [
      [
        "there's a huge pothole in front of 1234 Spruce St",
        /Noted: larger than a tire\. Where in the street/,
      ],
      ['skip', /Anything to add\?/],
      ['skip', /Please check/],
      ['yes', /^Filed! Your tracking number is #20000000/],
    ];
    for (const [said, expected] of steps) assert.match((await say(said))[0]?.text ?? '', expected, said);
    const [stored] = await stack.requests.find({});
    assert.equal(stored?.accountId, account.id);
    assert.equal(stored?.neighborhood, 'Kensington');
  });

  it('"follow up <number> <note>" from a liaison adds the note instead of looking up the status', async () => {
    const { say, account } = await linkedDana();
    const filed = await stack.requests.file({
      serviceCode: 'pothole',
      location: { address: '1 Spruce St' },
      requester: { channel: 'sms', userId: DANA.userId },
      accountId: account.id,
      neighborhood: 'Kensington',
    });
    const [reply] = await say(`follow up ${filed.id} still there after the rain`);
    assert.match(reply?.text ?? '', new RegExp(`^Noted on request #${filed.id}`));
    assert.equal((await stack.requests.get(filed.id))?.history.at(-1)?.note, 'still there after the rain');
  });

  it('MENU in the middle of a meeting still sends the summary of what was filed', async () => {
    const { say } = await linkedDana();
    await say('meeting');
    for (const said of ['pothole at 1234 Spruce St', '3', '1', 'skip']) await say(said);
    const filed = await say('yes');
    assert.match(
      filed.map((r) => r.text).join(' '),
      /Filed! Your tracking number is #20000000.*1 problem entered/,
    );
    await say('dead dog at 5th and Market');
    const replies = (await say('menu')).map((r) => r.text ?? '');
    assert.match(replies[0]!, /^Meeting summary for Kensington: 1 request\.\n#20000000 Street Defect/);
    assert.match(replies.at(-1)!, /I'm the Philadelphia 311 assistant/);
    const [next] = await say('done');
    assert.doesNotMatch(next?.text ?? '', /Meeting summary/, 'the meeting is over');
  });

  it('an emergency in the middle of a meeting gets the 911 reply and ends the meeting', async () => {
    const { say } = await linkedDana();
    await say('meeting');
    await say('pothole at 1234 Spruce St');
    const [emergency] = await say('there is a fire in the house next door');
    assert.match(emergency?.text ?? '', /911/);
    const [after] = await say('3');
    assert.doesNotMatch(after?.text ?? '', /Where in the street/);
    assert.deepEqual(await stack.requests.find({}), []);
  });
});
