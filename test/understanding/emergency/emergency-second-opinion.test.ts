import assert from 'node:assert/strict';
import {
  screenEmergencyByRules,
  screenEmergency as screenEmergencyWithSecondOpinion,
} from '../../../understanding/emergency/index.js';

/** Written for this test (not taken from any evaluation set). */
const RULES_READ_AS_CLEAR: readonly string[] = [
  'grandma took a whole bottle of her sleeping pills and she is real slow to answer',
  'the river is rising over the hood of a van by the boat ramp and someone is inside',
  'there is a toddler strapped in a car seat in a parked minivan and the windows are up, it is baking out',
  'a man is swinging a machete at people outside the laundromat',
  'the scaffolding came down on two workers on our street',
];
const ROUTINE: readonly string[] = [
  'can you send someone to fix the streetlight on my corner',
  'when is the bulk trash pickup for my block',
  'my neighbor keeps parking in front of my driveway',
  'the pothole on Oak St is getting deeper',
  'my cat is stuck in a tree',
];
/** Danger told without the words the rules know: smoke as "thick black stuff". */
const SMOKE_UNNAMED = 'thick black stuff is rolling out from under the door of the unit below mine';

describe('emergency screen with the learned second opinion', () => {
  it('gives the 911 line where the rules read nothing but the danger is there', () => {
    assert.equal(screenEmergencyByRules(SMOKE_UNNAMED).tier, 'none');
    const combined = screenEmergencyWithSecondOpinion(SMOKE_UNNAMED);
    assert.equal(combined.tier, 'possible');
    // The line only: the resident still gets the answer they asked for after it.
    assert.equal(combined.emergency, false);
  });

  it('keeps every verdict of the rules when they find danger', () => {
    for (const text of RULES_READ_AS_CLEAR) {
      assert.deepEqual(screenEmergencyWithSecondOpinion(text), screenEmergencyByRules(text), text);
      assert.equal(screenEmergencyWithSecondOpinion(text).tier, 'clear', text);
    }
  });

  it('adds no 911 line to ordinary requests', () => {
    for (const text of ROUTINE) assert.equal(screenEmergencyWithSecondOpinion(text).tier, 'none', text);
  });

  it('adds no 911 line when the resident says it is not an emergency', () => {
    const text = `not an emergency, ${SMOKE_UNNAMED}`;
    assert.equal(screenEmergencyWithSecondOpinion(text).tier, 'none');
  });

  it('never gives the full 911 reply on its own', () => {
    for (const text of [SMOKE_UNNAMED, ...ROUTINE]) {
      if (screenEmergencyByRules(text).tier !== 'clear')
        assert.notEqual(screenEmergencyWithSecondOpinion(text).tier, 'clear', text);
    }
  });

  it('costs well under a millisecond of CPU per message', () => {
    const texts = [SMOKE_UNNAMED, ...RULES_READ_AS_CLEAR, ...ROUTINE];
    for (const text of texts) screenEmergencyWithSecondOpinion(text);
    const rounds = 50;
    const start = process.cpuUsage();
    for (let r = 0; r < rounds; r += 1)
      for (const text of texts) screenEmergencyWithSecondOpinion(`${text} ${r}`);
    const used = process.cpuUsage(start);
    const perMessage = (used.user + used.system) / 1000 / (rounds * texts.length);
    assert.ok(perMessage < 1, `${perMessage.toFixed(3)} ms per message`);
  });
});
