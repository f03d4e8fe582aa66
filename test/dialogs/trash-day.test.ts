import assert from 'node:assert/strict';
import { type Activity, type Storage, TestAdapter } from 'botbuilder';
import { createBot } from '../../bot/create-bot.js';
import { readExplain } from '../../bot/explain.js';
import { silentLogger } from '../../bot/logger.js';
import { LowdbStorage } from '../../bot/lowdb-storage.js';
import { usePipeline } from '../../bot/pipeline.js';
import { emergencyScreen } from '../../bot/runtime.js';
import { IDENTITY_CHANNEL } from '../../dialogs/identity.js';
import { DEFAULT_ARTICLES_DIR, loadArticles } from '../../knowledge/index.js';
import type { Article, KnowledgeSearch } from '../../knowledge/types.js';
import {
  type AddressLookup,
  aisGeocoder,
  defaultGeocoderFile,
  fileGeocoder,
  loadAddressFile,
  resilientGeocoder,
} from '../../requests/geocoder/index.js';
import { createKnowledgeSearch } from '../../understanding/index.js';
import { FAKE_AIS_KEY, type FakeAis, startFakeAis } from '../helpers/fake-ais.js';
import { AIS_PLACES } from '../helpers/fake-ais-places.js';

/**
 * "When is trash day?" for the resident's address, as a resident meets it:
 * the real articles, search and pipeline, the shipped offline sample (or a
 * loopback fake of AIS), the clock injected.
 */
const NORMAL_WEEK = '2026-03-09T15:00:00Z'; // Monday, March 9, 2026
const MLK_WEEK = '2026-01-19T15:00:00Z'; // Monday, January 19, 2026: Martin Luther King Jr. Day
const GENERAL = /the day depends on your address/;

describe('trash day for your address (pipeline, injected clock)', () => {
  let articles: readonly Article[];
  let search: KnowledgeSearch;
  let sample: AddressLookup;
  let ais: FakeAis;

  before(async () => {
    articles = await loadArticles(DEFAULT_ARTICLES_DIR);
    search = createKnowledgeSearch(articles);
    sample = resilientGeocoder(
      // As a city's complete address file: a number on no listed block is not found.
      fileGeocoder(await loadAddressFile(defaultGeocoderFile()), { complete: true }),
    );
    ais = await startFakeAis(AIS_PLACES);
  });
  after(() => ais.close());
  beforeEach(() => {
    ais.mode = 'normal';
  });

  interface Resident {
    say(text: string): Promise<Partial<Activity>[]>;
  }

  async function resident(
    options: {
      now?: string;
      geocoder?: AddressLookup;
      storage?: Storage;
      user?: string;
      /** The channel the adapter stamps as the sender's real one (as /api/messages does). */
      identityChannel?: string;
    } = {},
  ): Promise<Resident> {
    const storage = options.storage ?? (await LowdbStorage.open());
    const now = new Date(options.now ?? NORMAL_WEEK);
    const bot = createBot({
      storage,
      search,
      articles,
      cityName: 'Philadelphia',
      clock: () => now,
      geocoder: options.geocoder ?? sample,
    });
    const user = options.user ?? 'resident-1';
    const adapter = new TestAdapter(bot.run, {
      channelId: 'test',
      from: { id: user, name: 'Resident' },
      conversation: {
        id: `conv-${user}-${Math.random()}`,
        isGroup: false,
        name: 'c',
        conversationType: 'personal',
      },
    });
    if (options.identityChannel) {
      adapter.use(async (context, next) => {
        context.turnState.set(IDENTITY_CHANNEL, options.identityChannel);
        await next();
      });
    }
    usePipeline(adapter, { bot, emergency: emergencyScreen, logger: silentLogger });
    return {
      async say(text) {
        await adapter.receiveActivity(text);
        return adapter.activeQueue.splice(0);
      },
    };
  }

  const only = (replies: Partial<Activity>[]): string => {
    assert.equal(replies.length, 1, `one reply, got ${replies.map((r) => r.text).join(' | ')}`);
    return replies[0]!.text ?? '';
  };

  it('an address in the question: the day and the next pickup in one bot turn, then the offer to save it', async () => {
    const r = await resident();
    const [answer] = await r.say('when is trash day for 1234 Spruce St');
    assert.match(
      answer?.text ?? '',
      /^Your trash and recycling day at 1234 Spruce St is Wednesday\. Next pickup: Wednesday, March 11\. Set it out after 5 PM the night before and by 7 AM on Wednesday\.\n\nSave this address for next time\?$/,
    );
    assert.deepEqual(
      (answer?.suggestedActions?.actions ?? []).map((a) => a.title),
      ['Yes', 'No'],
    );
    assert.equal(readExplain(answer ?? {})?.topic, 'trash-collection-day');
  });

  it('no address given: asked once, answered on the next turn (2 bot turns)', async () => {
    const r = await resident();
    assert.match(only(await r.say('when is trash day?')), /What's your street address\?/);
    assert.match(
      only(await r.say('1234 spruce')),
      /^Your trash and recycling day at 1234 Spruce St is Wednesday\./,
    );
  });

  it('a holiday week: the pickup runs a day late, and the answer says why', async () => {
    const r = await resident({ now: MLK_WEEK });
    assert.match(
      only(await r.say('what day is trash pickup at 1234 spruce st')),
      /is Wednesday\. Next pickup: Thursday, January 22 \(one day late this week because of Martin Luther King Jr\. Day\)\./,
    );
  });

  it("after this week's pickup has passed, the next one is next week", async () => {
    const r = await resident({ now: '2026-03-12T15:00:00Z' }); // Thursday
    assert.match(only(await r.say('trash day for 1234 Spruce St')), /Next pickup: Wednesday, March 18\./);
  });

  it('several matches become choices; a choice is answered', async () => {
    const r = await resident();
    const [choices] = await r.say('when is trash day for 500 5th st');
    assert.match(choices?.text ?? '', /more than one match/);
    assert.deepEqual(
      (choices?.suggestedActions?.actions ?? []).map((a) => a.title),
      ['500 N 5th St', '500 S 5th St', 'None of these'],
    );
    assert.match(only(await r.say('2')), /at 500 S 5th St is Friday\./);
  });

  it('an address not found is asked again once with the hint, then the general answer', async () => {
    const r = await resident();
    assert.match(only(await r.say('when is trash day?')), /street address/);
    assert.equal(
      only(await r.say('9 Spruce St')),
      "I couldn't find that address. Send a house number and street, or the nearest corner.",
    );
    assert.match(only(await r.say('5 Spruce St')), GENERAL);
  });

  it('saved with consent: the next question is answered from it in one turn; "forget my address" removes it', async () => {
    const storage = await LowdbStorage.open();
    const r = await resident({ storage });
    await r.say('trash day for 1234 Spruce St');
    assert.match(only(await r.say('yes')), /^Saved\./);
    assert.match(
      only(await r.say('when is my trash picked up')),
      /^Your trash and recycling day at 1234 Spruce St is Wednesday\.[\s\S]*saved address/,
    );
    assert.equal(only(await r.say('forget my address')), "Done: I've forgotten your saved address.");
    assert.match(only(await r.say('when is my trash picked up')), /What's your street address\?/);
  });

  it('the saved address is never shown to another identity sharing the state key', async () => {
    const storage = await LowdbStorage.open();
    const owner = await resident({ storage });
    await owner.say('trash day for 1234 Spruce St');
    await owner.say('yes');
    // Same channel id and user id on the activity, but the adapter says the sender came through another door.
    const other = await resident({ storage, identityChannel: 'bot-framework:test' });
    const text = only(await other.say('when is my trash picked up'));
    assert.doesNotMatch(text, /1234 Spruce St is/);
    assert.match(text, /What's your street address\?/);
    assert.equal(only(await other.say('forget my address')), "I don't have a saved address for you.");
  });

  it('the geocoder down: the general answer, as before, within the timeout', async () => {
    ais.mode = 'error';
    const r = await resident({
      geocoder: resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY })),
    });
    assert.match(only(await r.say('trash day for 1234 Spruce St')), GENERAL);
  });

  it('AIS slow: the turn ends at the timeout with the general answer', async () => {
    ais.mode = 'slow';
    const r = await resident({
      geocoder: resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), { timeoutMs: 300 }),
    });
    const started = Date.now();
    assert.match(only(await r.say('trash day for 1234 Spruce St')), GENERAL);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it("through AIS: the city's day for the address", async () => {
    const r = await resident({
      geocoder: resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY })),
    });
    assert.match(only(await r.say('when is trash day?')), /street address/);
    assert.match(only(await r.say('1234 spruce')), /at 1234 Spruce St is Wednesday/);
  });

  it('set-out time questions keep the stored answer (no address needed)', async () => {
    const r = await resident();
    const [reply] = await r.say('what time do the cans have to be out by');
    assert.doesNotMatch(reply?.text ?? '', /street address/);
  });
});
