import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { screenEmergency } from '../../../understanding/emergency/index.js';

/**
 * The held-out emergency set (test/fixtures/eval/README.md): written before
 * the concept screen, never tuned on. This test prints no line of it and pins
 * no line: it holds the screen to the figures it reached when it was first
 * measured, so a later change cannot quietly make residents in danger worse
 * off. The targets (every emergency at least the 911 line, 95% the
 * full reply, at most 1% / 5% of routine messages) are higher; raise these
 * floors as the screen gets there.
 */
const FILE = new URL('../../fixtures/eval/emergencies-heldout.jsonl', import.meta.url);

interface Row {
  readonly q: string;
  readonly expect: 'emergency' | 'routine';
}

const rows: readonly Row[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

const share = (selected: readonly Row[], tiers: readonly string[]): number =>
  selected.filter((r) => tiers.includes(screenEmergency(r.q).tier)).length / selected.length;

describe('emergency screen on the held-out set (aggregates only)', () => {
  const emergencies = rows.filter((r) => r.expect === 'emergency');
  const routine = rows.filter((r) => r.expect === 'routine');

  it('is the set the README describes: 231 emergencies and 341 look-alikes', () => {
    assert.equal(emergencies.length, 231);
    assert.equal(routine.length, 341);
  });

  it('gives at least 80% of emergencies the full 911 reply and 89% at least the 911 line', () => {
    const clear = share(emergencies, ['clear']);
    const line = share(emergencies, ['clear', 'possible']);
    assert.ok(clear >= 0.8, `full reply ${(100 * clear).toFixed(1)}%`);
    assert.ok(line >= 0.89, `at least the line ${(100 * line).toFixed(1)}%`);
  });

  it('gives at most 4.7% of routine messages the full 911 reply and 7% the 911 line', () => {
    const clear = share(routine, ['clear']);
    const any = share(routine, ['clear', 'possible']);
    assert.ok(clear <= 0.047, `full reply ${(100 * clear).toFixed(1)}%`);
    assert.ok(any <= 0.07, `911 line or reply ${(100 * any).toFixed(1)}%`);
  });
});
