import assert from 'node:assert/strict';
import type { MiddlewareHandler, Storage, StoreItems } from 'botbuilder';
import sinon from 'sinon';
import { createBot } from '../../bot/create-bot.js';
import { readExplain } from '../../bot/explain.js';
import { createLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import { emergencyScreen } from '../../bot/runtime.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { ConsoleAdapter } from '../../channels/console/index.js';
import type { KnowledgeSearch } from '../../knowledge/types.js';
import { hit, makeArticle, scriptedSearch } from '../helpers/knowledge-fakes.js';

const articles = [makeArticle('pothole', { kind: 'both', title: 'Report a pothole' })];
const pothole = () => scriptedSearch({ pothole: { outcome: 'answer', hits: [hit('pothole', 0.9)] } });

/** A storage that answers slowly, so two unserialised turns would overlap and lose an update. */
class SlowStorage implements Storage {
  writes = 0;
  constructor(
    private readonly inner: Storage,
    private readonly delayMs: number,
  ) {}
  private pause = () => new Promise((r) => setTimeout(r, this.delayMs));
  async read(keys: string[]): Promise<StoreItems> {
    await this.pause();
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    await this.pause();
    return this.inner.write(changes);
  }
  async delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

async function setup(
  options: { search?: KnowledgeSearch; delayMs?: number; middleware?: MiddlewareHandler[] } = {},
) {
  const storage = new SlowStorage(await LowdbStorage.open(), options.delayMs ?? 0);
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const bot = createBot({ storage, search: options.search ?? pothole(), articles, cityName: 'Philadelphia' });
  const adapter = usePipeline(new ConsoleAdapter({ queue: new TurnQueue() }), {
    bot,
    emergency: emergencyScreen,
    logger,
    recordReference: options.middleware?.[0],
    keywords: options.middleware?.[1],
  });
  const say = (text: string, conversation = 'c1') =>
    adapter.process(adapter.message(text, conversation), bot.run);
  return { storage, lines, say };
}

describe('turn pipeline', () => {
  it('serialises turns of one conversation: two concurrent messages are both recorded', async () => {
    const { say } = await setup({ delayMs: 20 });
    const [first, second] = await Promise.all([say('pothole'), say('no')]);
    assert.match(first[0]?.text ?? '', /Want me to report it\?/);
    // "no" was read with the offer already saved: it declines instead of being a new question.
    assert.match(second[0]?.text ?? '', /won't report it/);
  });

  it('runs turns of different conversations side by side', async () => {
    const { say } = await setup({ delayMs: 30 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => say('pothole', `c-${i}`)));
    assert.ok(Date.now() - started < 10 * 30 * 2, 'ten conversations did not wait for each other');
  });

  it('saves state once per turn', async () => {
    const { storage, say } = await setup();
    await say('pothole');
    assert.equal(storage.writes, 1);
    await say('no');
    assert.equal(storage.writes, 2);
  });

  it('an emergency gets only the 911 reply, skips the search and drops the pending offer', async () => {
    const search = pothole();
    const { say } = await setup({ search });
    await say('pothole');
    const replies = await say('someone collapsed and is not breathing');
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /Call 911 now/);
    assert.equal(readExplain(replies[0] ?? {})?.outcome, 'emergency');
    assert.deepEqual(search.asked, ['pothole']);
    const [after] = await say('yes');
    assert.equal(readExplain(after ?? {})?.outcome, 'no-match');
  });

  it('runs the steps in order: reference recording and keywords before the emergency screen', async () => {
    const order: string[] = [];
    const record: MiddlewareHandler = async (_c, next) => {
      order.push('record');
      await next();
    };
    const keywords: MiddlewareHandler = async (context, next) => {
      order.push('keywords');
      if (context.activity.text === 'STOP') {
        await context.sendActivity('You are unsubscribed.');
        return;
      }
      await next();
    };
    const { say } = await setup({ middleware: [record, keywords] });
    const stopped = await say('STOP');
    assert.deepEqual(
      stopped.map((r) => r.text),
      ['You are unsubscribed.'],
    );
    await say('the house next door is on fire');
    assert.deepEqual(order, ['record', 'keywords', 'record', 'keywords']);
  });

  describe('turn errors', () => {
    const failing: KnowledgeSearch = {
      search: sinon.stub().throws(new Error('index corrupt near "my phone is 215-555-0199"')),
    };

    it('apologise, point to 311, show no stack trace, and log without personal data', async () => {
      const { say, lines } = await setup({ search: failing });
      const replies = await say('my phone is 215-555-0199, pothole please');
      assert.equal(replies.length, 1);
      assert.match(replies[0]?.text ?? '', /Sorry, something went wrong.*call 311.*911/s);
      assert.doesNotMatch(replies[0]?.text ?? '', /index corrupt|at .*\.ts|Error/);
      const logged = lines.join('\n');
      assert.match(logged, /turn failed/);
      assert.doesNotMatch(logged, /555-0199|pothole please/);
      assert.doesNotMatch(logged, /\.ts:\d+/);
    });

    it('leave the conversation usable afterwards', async () => {
      const search = scriptedSearch({ pothole: { outcome: 'answer', hits: [hit('pothole', 0.9)] } });
      let fail = true;
      const flaky: KnowledgeSearch = {
        search: (q) => {
          if (fail) {
            fail = false;
            throw new Error('boom');
          }
          return search.search(q);
        },
      };
      const { say } = await setup({ search: flaky });
      await say('pothole');
      const [reply] = await say('pothole');
      assert.match(reply?.text ?? '', /Want me to report it\?/);
    });
  });
});
