import assert from 'node:assert/strict';
import { type Activity, TestAdapter } from 'botbuilder';
import { createBot } from '../../bot/create-bot.js';
import { readExplain } from '../../bot/explain.js';
import { silentLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import { emergencyScreen } from '../../bot/runtime.js';
import { IntakeDialog } from '../../dialogs/intake-dialog.js';
import { MyRequestsDialog } from '../../dialogs/my-requests-dialog.js';
import { StatusDialog } from '../../dialogs/status-dialog.js';
import { loadArticles } from '../../knowledge/index.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import type { Article, KnowledgeSearch } from '../../knowledge/types.js';
import { createKnowledgeSearch } from '../../understanding/index.js';
import { USER } from './intake-harness.js';
import { type RealRequests, realRequests } from './intake-requests.js';

/**
 * The intake, status and "my requests" dialogs wired into the real bot: the
 * pipeline (clean input, emergency screen, state), the main dialog's routes, the
 * real knowledge base and search, and the real service catalog.
 */
const NOW = new Date('2026-11-20T15:00:00Z');
const clock = () => NOW;

interface Expect {
  readonly text: RegExp;
  readonly outcome?: string;
  readonly topic?: string | null;
}

describe('intake and status in the main dialog (real pipeline, knowledge base and catalog)', () => {
  let articles: Article[];
  let search: KnowledgeSearch;
  let catalog: ServiceCatalog;
  let requests: RealRequests;

  before(async () => {
    articles = await loadArticles();
    search = createKnowledgeSearch(articles);
    catalog = await loadCatalog();
  });

  async function bot(): Promise<TestAdapter> {
    const storage = await LowdbStorage.open();
    const deps = { catalog, requests: requests.service, clock };
    const b = createBot({
      storage,
      search,
      articles,
      cityName: 'Philadelphia',
      intake: new IntakeDialog(deps),
      dialogs: [new StatusDialog(deps), new MyRequestsDialog(deps)],
    });
    const adapter = new TestAdapter(b.run, {
      channelId: USER.channelId,
      from: { id: USER.userId, name: 'Resident' },
      conversation: {
        id: USER.conversationId,
        isGroup: false,
        name: 'resident',
        conversationType: 'personal',
      },
    });
    usePipeline(adapter, {
      bot: b,
      emergency: emergencyScreen,
      logger: silentLogger,
    });
    return adapter;
  }

  async function say(adapter: TestAdapter, text: string, expect: Expect): Promise<Partial<Activity>> {
    await adapter.receiveActivity(text);
    const replies = adapter.activeQueue.splice(0);
    const where = `"${text}" -> ${replies.map((r) => JSON.stringify(r.text)).join(' | ')}`;
    assert.equal(replies.length, 1, where);
    const reply = replies[0]!;
    assert.match(reply.text ?? '', expect.text, where);
    const explain = readExplain(reply);
    if (expect.outcome) assert.equal(explain?.outcome, expect.outcome, where);
    if (expect.topic !== undefined) assert.equal(explain?.topic, expect.topic, where);
    return reply;
  }

  beforeEach(async () => {
    requests = await realRequests(catalog, clock, ['15123456', '15123457']);
  });
  afterEach(async () => {
    await requests.close();
  });

  it('a report with a place starts the intake with service and location filled, explained as a service request', async () => {
    const adapter = await bot();
    const first = await say(adapter, "there's a huge pothole in front of 1234 Spruce St", {
      text: /^Let's report a street defect \(pothole\) at 1234 Spruce St\. Noted: larger than a tire\. Where in the street is it\?/,
      outcome: 'service-request',
      topic: 'pothole',
    });
    assert.ok((readExplain(first)?.score ?? 0) > 0.5, 'the search score is kept on the explanation');
    await say(adapter, 'skip', { text: /Anything to add\?/ });
    await say(adapter, 'yesterday', {
      text: /^Thanks - I added noticed Thu, Nov 19\.\nPlease check: Street Defect \(Pothole\) at 1234 Spruce St\./,
    });
    await say(adapter, 'yes', {
      text: /^Filed! Your tracking number is #15123456\. Expect service by Wed, Nov 25\./,
    });
    assert.equal((await requests.all()).length, 1);
    await say(adapter, 'status 15123456', {
      text: /^#15123456 Street Defect \(Pothole\) at 1234 Spruce St: Received\. Expected by Wed, Nov 25\.$/,
      outcome: 'status',
    });
    await say(adapter, 'my requests', {
      text: /^Your requests \(1\), newest first:\n#15123456 /,
      outcome: 'status',
    });
  });

  it('a question gets the knowledge answer and the offer; yes starts the intake', async () => {
    const adapter = await bot();
    await say(adapter, 'how do I report a pothole?', {
      text: /Want me to report it\?$/,
      outcome: 'answer',
      topic: 'pothole',
    });
    await say(adapter, 'yes', {
      text: /^Let's report a street defect \(pothole\)\. Where is it\?/,
      outcome: 'service-request',
      topic: 'pothole',
    });
    await say(adapter, 'near my house', { text: /^A crew needs an exact spot/ });
  });

  it('"how long do potholes take" is answered, not filed', async () => {
    const adapter = await bot();
    await say(adapter, 'how long do potholes take', {
      text: /Want me to report it\?$/,
      outcome: 'answer',
      topic: 'pothole',
    });
  });

  const directReports: readonly [string, RegExp, string][] = [
    [
      'street light out at 26th and oxford',
      /^Let's report a street light outage at 26th St & Oxford St\./,
      'street-light-outage',
    ],
    [
      'someone dumped tires at 26th and oxford',
      /^Let's report an illegal dumping at 26th St & Oxford St\. Noted: tires\. About how much is there\?/,
      'illegal-dumping',
    ],
    ['abandoned car at 2100 Federal St for 3 weeks', /at 2100 Federal St\./, 'abandoned-vehicle'],
    // Filed under an information topic (stray animals): the report still starts the service's intake.
    [
      'there is a dead cat in the street at 1500 Park Ave',
      /^Let's report a dead animal in street at 1500 Park Ave\./,
      'stray-animal',
    ],
  ];
  for (const [text, expected, topic] of directReports) {
    it(`"${text}" starts the ${topic} intake`, async () => {
      await say(await bot(), text, { text: expected, outcome: 'service-request', topic });
    });
  }

  it('a pothole on I-95 is sent to the state, not filed', async () => {
    await say(await bot(), 'huge pothole on I-95 near the exit', {
      text: /PennDOT.*I haven't filed a report\./s,
      topic: 'pothole',
    });
    assert.equal((await requests.all()).length, 0);
  });

  const routedAway: readonly [string, RegExp][] = [
    [
      'water is gushing out of the street at 1234 Spruce St',
      /Water Department's 24\/7 emergency line.*I haven't filed a report\./s,
    ],
    [
      'abandoned car with a broken steering column at 2100 Federal St',
      /call 911.*I haven't filed a report\./s,
    ],
    [
      'the light in the private alley behind my house is out',
      /owner's responsibility.*I haven't filed a report\./s,
    ],
  ];
  for (const [text, expected] of routedAway) {
    it(`"${text}" is told where it goes and not filed`, async () => {
      await say(await bot(), text, { text: expected, outcome: 'service-request' });
      assert.equal((await requests.all()).length, 0);
    });
  }

  it('cancel during an intake stops it and says nothing was filed', async () => {
    const adapter = await bot();
    await say(adapter, 'pothole at 1234 Spruce St', { text: /About how big/ });
    await say(adapter, 'cancel', { text: /^OK, I stopped that report - nothing was filed\./ });
    await say(adapter, '2', { text: /./ }); // a new message, not an answer to the old question
    assert.equal((await requests.all()).length, 0);
  });

  it('"what do you need?" during the intake explains the step and keeps going', async () => {
    const adapter = await bot();
    await say(adapter, 'pothole at 1234 Spruce St', { text: /About how big/ });
    await say(adapter, 'what do you need', {
      text: /^Reply with the number or the words of one of the choices\. About how big/,
    });
    await say(adapter, '3', { text: /Where in the street/ });
  });

  it('an unknown tracking number gets a clear answer', async () => {
    await say(await bot(), 'what about 99999999?', {
      text: /^I couldn't find request #99999999 - check the number and try again\.$/,
      outcome: 'status',
    });
  });

  it('"Check a request" (the menu choice) asks for the number', async () => {
    const adapter = await bot();
    await say(adapter, 'Check a request', { text: /What's the tracking number\?/, outcome: 'status' });
    await say(adapter, '99999998', { text: /couldn't find request #99999998/ });
  });
});
