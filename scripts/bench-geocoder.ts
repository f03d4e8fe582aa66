/**
 * The geocoder's cost to a turn (issue 14), on loopback with the real bot:
 * - trash-day questions: bot turns to the answer, with the address in the
 *   message and when the bot must ask for it;
 * - a cache hit: the lookup alone, and a whole trash-day turn with a warm cache;
 * - an outage: a fake AIS that never answers, with the default 1.5 s timeout:
 *   the first turn, and the turns after it (lookups paused).
 * The "geocoder" section of `npm run bench` (`npm run bench -- geocoder`);
 * `npx tsx scripts/bench-geocoder.ts` runs it alone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TestAdapter } from 'botbuilder';
import { createBot } from '../bot/create-bot.js';
import { silentLogger } from '../bot/logger.js';
import { LowdbStorage } from '../bot/lowdb-storage.js';
import { usePipeline } from '../bot/pipeline.js';
import { emergencyScreen } from '../bot/runtime.js';
import { DEFAULT_ARTICLES_DIR, loadArticles } from '../knowledge/index.js';
import type { Article, KnowledgeSearch } from '../knowledge/types.js';
import {
  type AddressLookup,
  aisGeocoder,
  defaultGeocoderFile,
  fileGeocoder,
  loadAddressFile,
  resilientGeocoder,
} from '../requests/geocoder/index.js';
import { createKnowledgeSearch } from '../understanding/index.js';

/** A bot on in-memory state with `geocoder`; each call of the result opens a fresh conversation. */
async function botWith(
  search: KnowledgeSearch,
  articles: readonly Article[],
  storages: LowdbStorage[],
  geocoder?: AddressLookup,
) {
  const storage = await LowdbStorage.open();
  storages.push(storage);
  const bot = createBot({ storage, search, articles, cityName: 'Philadelphia', geocoder });
  let n = 0;
  return async (conversation = `c${n++}`) => {
    const adapter = new TestAdapter(bot.run, {
      channelId: 'test',
      from: { id: conversation, name: 'r' },
      conversation: { id: conversation, isGroup: false, name: 'c', conversationType: 'personal' },
    });
    usePipeline(adapter, { bot, emergency: emergencyScreen, logger: silentLogger });
    return async (text: string) => {
      const started = performance.now();
      await adapter.receiveActivity(text);
      return {
        ms: performance.now() - started,
        replies: adapter.activeQueue.splice(0).map((a) => a.text ?? ''),
      };
    };
  };
}

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const f = (n: number) => n.toFixed(2);

export async function benchGeocoder(): Promise<void> {
  const articles = await loadArticles(DEFAULT_ARTICLES_DIR);
  const search = createKnowledgeSearch(articles);
  const storages: LowdbStorage[] = [];

  // 1. Turns to the answer.
  const sample = resilientGeocoder(fileGeocoder(await loadAddressFile(defaultGeocoderFile())));
  const open = await botWith(search, articles, storages, sample);
  const say = await open();
  const inMessage = await say('when is trash day for 1234 Spruce St');
  const askFirst = await open();
  const asked = await askFirst('when is trash day?');
  const answered = await askFirst('1234 spruce');
  console.log('## Trash day: bot turns to the answer');
  console.log(`address in the message: 1 turn -> ${JSON.stringify(inMessage.replies[0]?.slice(0, 70))}`);
  console.log(
    `address asked for: 2 turns -> ${JSON.stringify(asked.replies[0]?.slice(0, 40))} / ${JSON.stringify(answered.replies[0]?.slice(0, 70))}`,
  );

  // 2. Cache hit.
  const lookups: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const started = performance.now();
    await sample.lookup('1234 Spruce St');
    lookups.push(performance.now() - started);
  }
  const turns: number[] = [];
  const noGeo: number[] = [];
  const none = await botWith(search, articles, storages);
  for (let i = 0; i < 300; i++) {
    turns.push((await (await open())('when is trash day for 1234 Spruce St')).ms);
    noGeo.push((await (await none())('when is trash day for 1234 Spruce St')).ms);
  }
  console.log('\n## Cache hit');
  console.log(
    `lookup alone: p50 ${f(pct(lookups, 50) * 1000)} µs, p99 ${f(pct(lookups, 99) * 1000)} µs (10,000 lookups)`,
  );
  console.log(
    `whole trash-day turn, warm cache: p50 ${f(pct(turns, 50))} ms, p99 ${f(pct(turns, 99))} ms; the same question with GEOCODER=none (stored answer): p50 ${f(pct(noGeo, 50))} ms, p99 ${f(pct(noGeo, 99))} ms (300 each)`,
  );

  // 3. Outage: AIS never answers.
  const hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  const down = await botWith(search, articles, storages, resilientGeocoder(aisGeocoder({ url, key: 'k' })));
  const outage: number[] = [];
  for (const address of ['1234 Spruce St', '1240 Spruce St', '1300 Spruce St', '500 5th St']) {
    outage.push((await (await down())(`when is trash day for ${address}`)).ms);
  }
  console.log('\n## Outage (AIS never answers, timeout 1.5 s)');
  console.log(
    `first turn ${f(outage[0]!)} ms; the next three (lookups paused 30 s): ${outage.slice(1).map(f).join(', ')} ms`,
  );
  hanging.closeAllConnections();
  hanging.close();
  await Promise.all(storages.map((s) => s.close()));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchGeocoder();
