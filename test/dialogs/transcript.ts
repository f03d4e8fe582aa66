import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { TestAdapter } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { type Bot, createBot } from '../../bot/create-bot.js';
import type { EmergencyScreen } from '../../bot/emergency-middleware.js';
import { type ExplainOutcome, readExplain } from '../../bot/explain.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import type { Article, KnowledgeSearch } from '../../knowledge/types.js';
import { fakeEmergencyScreen } from '../helpers/fake-emergency.js';

/** What one bot message must look like; only the given fields are checked. */
export interface Expect {
  readonly text?: RegExp | string;
  /** Suggested-action titles, in order; [] means none. */
  readonly choices?: readonly string[];
  readonly outcome?: ExplainOutcome;
  readonly topic?: string | null;
}
export interface Turn {
  readonly user: string | Partial<Activity>;
  readonly bot: readonly Expect[];
}

export interface Harness {
  readonly adapter: TestAdapter;
  readonly bot: Bot;
  readonly storage: LowdbStorage;
}

export async function harness(options: {
  readonly search: KnowledgeSearch;
  readonly articles: readonly Article[];
  readonly intake?: Dialog;
  readonly emergency?: EmergencyScreen;
  readonly logger?: Logger;
}): Promise<Harness> {
  const storage = await LowdbStorage.open();
  const bot = createBot({
    storage,
    search: options.search,
    articles: options.articles,
    cityName: 'Philadelphia',
    intake: options.intake,
  });
  const adapter = new TestAdapter(bot.run);
  usePipeline(adapter, {
    bot,
    emergency: options.emergency ?? fakeEmergencyScreen,
    logger: options.logger ?? silentLogger,
  });
  return { adapter, bot, storage };
}

/** Plays the turns; each turn's replies must match `bot` exactly in number and in the fields given. */
export async function play(adapter: TestAdapter, turns: readonly Turn[]): Promise<void> {
  for (const [n, turn] of turns.entries()) {
    await adapter.receiveActivity(turn.user);
    const replies = adapter.activeQueue.splice(0);
    const said = replies.map((r) => r.text).join(' | ');
    const where = `turn ${n + 1} (${JSON.stringify(typeof turn.user === 'string' ? turn.user : turn.user.text)}): bot said ${said}`;
    assert.equal(replies.length, turn.bot.length, `${where}: expected ${turn.bot.length} message(s)`);
    for (const [i, expected] of turn.bot.entries()) {
      const activity = replies[i]!;
      if (expected.text instanceof RegExp) assert.match(activity.text ?? '', expected.text, where);
      else if (expected.text !== undefined) assert.equal(activity.text, expected.text, where);
      if (expected.choices) {
        const titles = (activity.suggestedActions?.actions ?? []).map((a) => a.title);
        assert.deepEqual(titles, expected.choices, where);
      }
      const explain = readExplain(activity);
      if (expected.outcome) assert.equal(explain?.outcome, expected.outcome, where);
      if (expected.topic !== undefined) assert.equal(explain?.topic, expected.topic, where);
    }
  }
}
