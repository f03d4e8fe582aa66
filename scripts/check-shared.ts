/**
 * `npm run check:shared`: checks that need the steering material beside the
 * project (../shared, or SHARED_DIR). Tests never read it - a fresh clone
 * must pass `npm test` alone - so CI runs this after the tests when the
 * folder is there:
 *
 *  - knowledge/topics.yaml names exactly the topics of the contract
 *    (shared/knowledge-topics.yaml), with the same kinds;
 *  - the emergency screen flags every emergency of the dev set and no other
 *    question;
 *  - it flags none of the real 311 reports of ../shared/real-311 except the
 *    few that describe a downed or live wire or a gas smell.
 *
 * Exits 0 when every check passes, 1 when one fails, and 0 with a note when
 * the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { screenEmergency } from '../understanding/emergency/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(process.env.SHARED_DIR ?? join(ROOT, '..', 'shared'));

interface Topic {
  readonly id: string;
  readonly kind: string;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);

const topicsOf = (path: string): Map<string, string> =>
  new Map((parseYaml(readFileSync(path, 'utf8')) as { topics: Topic[] }).topics.map((t) => [t.id, t.kind]));

/** Each check returns its failures (empty when it passes). */
const CHECKS: readonly (readonly [string, () => string[]])[] = [
  [
    'topic contract: knowledge/topics.yaml matches shared/knowledge-topics.yaml',
    () => {
      const ours = topicsOf(join(ROOT, 'knowledge', 'topics.yaml'));
      const theirs = topicsOf(join(SHARED, 'knowledge-topics.yaml'));
      const failures: string[] = [];
      for (const [id, kind] of theirs) {
        if (!ours.has(id)) failures.push(`missing topic ${id}`);
        else if (ours.get(id) !== kind) failures.push(`topic ${id}: kind ${ours.get(id)}, contract ${kind}`);
      }
      for (const id of ours.keys()) if (!theirs.has(id)) failures.push(`topic ${id} is not in the contract`);
      return failures;
    },
  ],
  [
    'emergency screen: every dev-set emergency flagged, no other question',
    () => {
      const rows = readJsonl<{ q: string; expect: string }>(join(SHARED, 'eval', 'dev-questions.jsonl'));
      return [
        ...rows
          .filter((r) => r.expect === 'emergency' && !screenEmergency(r.q).emergency)
          .map((r) => `missed: ${r.q}`),
        ...rows
          .filter((r) => r.expect !== 'emergency' && screenEmergency(r.q).emergency)
          .map((r) => `flagged: ${r.q}`),
      ];
    },
  ],
  [
    'emergency screen: real 311 reports flagged only for downed or live wires and gas (at most 8)',
    () => {
      const reports = ['newhaven-seeclickfix.jsonl', 'newport-seeclickfix.jsonl'].flatMap((file) =>
        readJsonl<{ text: string }>(join(SHARED, 'real-311', file)),
      );
      const flagged = reports.filter((r) => screenEmergency(r.text).emergency).map((r) => r.text);
      const dangerous =
        /\b(?:wires?|lines?)\b.*\bdown\b|\blive wires?\b|\bgas (?:smell|leak)|\bleaking gas\b/i;
      const failures = flagged.filter((text) => !dangerous.test(text)).map((text) => `flagged: ${text}`);
      if (flagged.length > 8) failures.push(`${flagged.length} reports flagged (at most 8)`);
      return failures;
    },
  ],
];

function main(): number {
  if (!existsSync(join(SHARED, 'knowledge-topics.yaml'))) {
    process.stdout.write(`check:shared: ${SHARED} is not here; nothing to check.\n`);
    return 0;
  }
  let failed = 0;
  for (const [name, check] of CHECKS) {
    const failures = check();
    process.stdout.write(`${failures.length === 0 ? 'ok  ' : 'FAIL'} ${name}\n`);
    for (const failure of failures) process.stdout.write(`     ${failure}\n`);
    if (failures.length > 0) failed += 1;
  }
  process.stdout.write(
    failed === 0
      ? `check:shared: all ${CHECKS.length} checks hold\n`
      : `check:shared: ${failed} of ${CHECKS.length} checks do not hold\n`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
