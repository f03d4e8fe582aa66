import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import { createBot } from '../../bot/create-bot.js';
import { silentLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import { emergencyScreen } from '../../bot/runtime.js';
import { DEFAULT_ARTICLES_DIR, loadArticles } from '../../knowledge/index.js';
import type { Article, KnowledgeSearch } from '../../knowledge/types.js';
import { createKnowledgeSearch } from '../../understanding/index.js';
import { play, type Turn } from './transcript.js';

/**
 * The holiday answer as a resident meets it: the real articles, the real
 * search, the real pipeline; only the clock is fixed.
 */
describe('holiday collection answer (transcripts, injected clock)', () => {
  let articles: readonly Article[];
  let search: KnowledgeSearch;

  before(async () => {
    articles = await loadArticles(DEFAULT_ARTICLES_DIR);
    search = createKnowledgeSearch(articles);
  });

  async function botAt(iso: string): Promise<TestAdapter> {
    const storage = await LowdbStorage.open();
    const now = new Date(iso);
    const bot = createBot({ storage, search, articles, cityName: 'Philadelphia', clock: () => now });
    const adapter = new TestAdapter(bot.run);
    usePipeline(adapter, { bot, emergency: emergencyScreen, logger: silentLogger });
    return adapter;
  }

  const holidayAnswer = (sentence: RegExp) =>
    ({
      text: new RegExp(`one day late[\\s\\S]*\\n\\n${sentence.source}`),
      outcome: 'answer',
      topic: 'trash-holiday-schedule',
    }) as const;

  const cases: readonly { name: string; now: string; turns: readonly Turn[] }[] = [
    {
      name: 'the Tuesday after Memorial Day, "holiday trash schedule" gets this week\'s shift',
      now: '2026-05-26T14:00:00Z',
      turns: [
        {
          user: 'holiday trash schedule',
          bot: [
            holidayAnswer(
              /Monday, May 25 is Memorial Day: no collection that day, .*Wednesday's on Thursday/,
            ),
          ],
        },
      ],
    },
    {
      name: 'the week before, "the Monday after Memorial Day" is read as June 1, a normal week',
      now: '2026-05-20T15:00:00Z',
      turns: [
        {
          user: 'will they pick up the Monday after Memorial Day?',
          bot: [holidayAnswer(/No city holiday the week of June 1: collection is on your normal day\./)],
        },
      ],
    },
    {
      name: 'Thanksgiving week: Thursday and Friday routes move to the weekend',
      now: '2026-11-23T15:00:00Z',
      turns: [
        {
          user: 'is trash pickup delayed for thanksgiving',
          bot: [
            holidayAnswer(
              /Thursday, November 26 is Thanksgiving .*Thursday's route on Saturday, Friday's on Sunday/,
            ),
          ],
        },
      ],
    },
    {
      name: 'Christmas 2027 falls on a Saturday: nothing changes',
      now: '2027-12-20T15:00:00Z',
      turns: [
        {
          user: 'trash on christmas?',
          bot: [holidayAnswer(/Saturday, December 25 is Christmas Day, on a weekend, so nothing changes/)],
        },
      ],
    },
    {
      name: '"which holidays?" lists the year\'s city holidays, then this week',
      now: '2026-06-16T14:00:00Z',
      turns: [
        {
          user: 'which holidays change trash collection?',
          bot: [
            holidayAnswer(
              /City holidays in 2026: New Year's Day .*Juneteenth \(Friday, June 19\).*\n\nFriday, June 19 is Juneteenth: .*Friday's route on Saturday/,
            ),
          ],
        },
      ],
    },
    {
      name: 'a Spanish question gets the week in Spanish',
      now: '2026-09-08T14:00:00Z',
      turns: [
        {
          user: '¿cambia el día de la basura por el día festivo?',
          bot: [holidayAnswer(/El lunes 7 de septiembre es Día del Trabajo: no hay recolección ese día/)],
        },
      ],
    },
    {
      name: 'asked on the Sunday before Thanksgiving, "this week" is the coming week',
      now: '2026-11-22T15:00:00Z',
      turns: [
        {
          user: 'holiday trash schedule',
          bot: [holidayAnswer(/Thursday, November 26 is Thanksgiving/)],
        },
      ],
    },
  ];

  for (const { name, now, turns } of cases) {
    it(name, async () => {
      await play(await botAt(now), turns);
    });
  }

  it('tells a resident reporting a missed pickup in a holiday week that routes run late, before offering to report', async () => {
    await play(await botAt('2026-05-26T14:00:00Z'), [
      {
        user: "my trash wasn't picked up today",
        bot: [
          {
            text: /\n\nMonday, May 25 is Memorial Day: no collection that day, .*Tuesday's on Wednesday.*\n\nWant me to report it\?$/s,
            choices: ['Yes', 'No'],
            outcome: 'answer',
            topic: 'missed-collection',
          },
        ],
      },
    ]);
  });

  it('leaves other answers alone', async () => {
    const adapter = await botAt('2026-05-26T14:00:00Z');
    await adapter.receiveActivity('how do I get a recycling bin');
    const [answer] = adapter.activeQueue.splice(0);
    assert.ok(answer?.text);
    assert.doesNotMatch(answer.text, /Memorial Day|collection runs/);
  });

  it('an emergency that mentions trash and a holiday still gets only the 911 reply', async () => {
    const adapter = await botAt('2026-05-26T14:00:00Z');
    await adapter.receiveActivity('the trash can is on fire on Memorial Day and spreading to the house');
    const replies = adapter.activeQueue.splice(0);
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /Call 911 now/);
    assert.doesNotMatch(replies[0]?.text ?? '', /Memorial Day/);
  });
});
