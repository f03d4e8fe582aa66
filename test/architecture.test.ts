import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Imports point one way: channels/ -> bot/ -> dialogs/ -> understanding/ ->
 * requests/ -> knowledge/ (a layer may use any layer below it, never one above).
 * understanding/ turns a resident's text into meaning (cleaned text, emergency
 * screen, topic search, slot readers); knowledge/ is content only (articles,
 * catalog, calendar, loader, types) and imports nothing of ours. The word lists
 * understanding/ reads text with (synonyms, Spanish words, stop words, the
 * search's vocabulary) are its own: no other layer imports them.
 * storage/ holds the adapters of the store ports the other layers declare
 * (PostgreSQL today): it may import any layer's types, and only the
 * composition root imports it, so no layer depends on a storage engine.
 * bot/main.ts is the composition root and may import anything.
 * The injected Clock and Logger (bot/clock.ts, bot/logger.ts) are the shared
 * kernel every layer but knowledge/ receives; they import nothing of ours.
 */
const ROOT = new URL('../', import.meta.url).pathname;
const LAYERS = ['knowledge', 'requests', 'understanding', 'dialogs', 'bot', 'channels', 'storage'] as const;
type Layer = (typeof LAYERS)[number];
const EXEMPT = new Set(['bot/main.ts']);
const SHARED_KERNEL = new Set(['bot/clock.ts', 'bot/logger.ts']);
/** Libraries whose types stay inside bot/, dialogs/ and channels/. */
const BOTBUILDER = /^botbuilder(-[a-z]+)?$/;
const LOWDB = /^lowdb(\/node)?$/;
const POSTGRES = /^pg(-[a-z]+)?$/;
/** understanding/'s own word lists and search internals: read through its public surface only. */
const UNDERSTANDING_VOCABULARY = new Set([
  'understanding/text/synonyms.ts',
  'understanding/text/spanish-words.ts',
  'understanding/text/stopwords.ts',
  'understanding/text/stemmer.ts',
  'understanding/search/search-index.ts',
  'understanding/search/text-analyzer.ts',
  'understanding/search/vocabulary-matcher.ts',
]);

const rank = (layer: Layer) => LAYERS.indexOf(layer);
const layerOf = (file: string): Layer | undefined => LAYERS.find((l) => file.startsWith(`${l}/`));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Module specifiers of `import ... from`, `export ... from`, `import(...)` and side-effect imports. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

interface Violation {
  readonly file: string;
  readonly imports: string;
  readonly why: string;
}

async function violations(): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const layer of LAYERS) {
    for (const file of await sourceFiles(layer)) {
      if (EXEMPT.has(file)) continue;
      const source = await readFile(join(ROOT, file), 'utf8');
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) {
          const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec)).replace(/\.js$/, '.ts');
          const to = layerOf(target);
          if (SHARED_KERNEL.has(target) && layer !== 'knowledge') continue;
          if (to === undefined) {
            out.push({ file, imports: spec, why: 'reaches outside the source folders' });
          } else if (rank(to) > rank(layer)) {
            out.push({ file, imports: spec, why: `${layer}/ must not import ${to}/ (imports point down)` });
          } else if (layer === 'knowledge' && to !== 'knowledge') {
            out.push({ file, imports: spec, why: 'knowledge/ imports nothing of ours' });
          } else if (UNDERSTANDING_VOCABULARY.has(target) && layer !== 'understanding') {
            out.push({ file, imports: spec, why: "understanding/'s vocabulary is read only inside it" });
          }
        } else if (
          BOTBUILDER.test(spec) &&
          (layer === 'knowledge' || layer === 'requests' || layer === 'understanding')
        ) {
          out.push({
            file,
            imports: spec,
            why: 'botbuilder stays inside bot/, dialogs/, channels/ and storage/',
          });
        } else if (POSTGRES.test(spec) && layer !== 'storage') {
          out.push({ file, imports: spec, why: 'PostgreSQL is reached only through storage/' });
        } else if (LOWDB.test(spec) && !/(lowdb|store|storage)/.test(file)) {
          out.push({ file, imports: spec, why: 'lowdb is used only by the store files' });
        }
      }
    }
  }
  return out;
}

describe('architecture', () => {
  it('reads every kind of import line', () => {
    const source = [
      "import { a } from '../bot/a.js';",
      "import type { B } from './b.js';",
      "export * from './c.js';",
      "import './d.js';",
      "const e = await import('../e.js');",
    ].join('\n');
    assert.deepEqual(importsOf(source).sort(), ['../bot/a.js', '../e.js', './b.js', './c.js', './d.js']);
  });

  it('keeps imports pointing one way: channels -> bot -> dialogs -> understanding -> requests -> knowledge', async () => {
    const found = await violations();
    assert.deepEqual(
      found.map((v) => `${v.file} imports ${v.imports}: ${v.why}`),
      [],
    );
  });

  it('has an index.ts naming the public surface of each folder', async () => {
    for (const layer of LAYERS) {
      const files = await sourceFiles(layer);
      assert.ok(files.includes(`${layer}/index.ts`), `${layer}/index.ts`);
    }
  });
});
