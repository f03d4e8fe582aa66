import assert from 'node:assert/strict';
import { isSkip, leadingYesNo, readYesNoSkip } from '../../../understanding/slots/yes-no-skip.js';

describe('slot reader: yes, no or skip', () => {
  const cases: readonly [string, ReturnType<typeof readYesNoSkip>][] = [
    ['yes', 'yes'],
    ['Yeah', 'yes'],
    ['yep!', 'yes'],
    ['looks good', 'yes'],
    ['no', 'no'],
    ['nope', 'no'],
    ['nah', 'no'],
    ['skip', 'skip'],
    ['none', 'skip'],
    ['n/a', 'skip'],
    ['N/A', 'skip'],
    ['no photo', 'skip'],
    ['no pic sorry', 'skip'],
    ["don't have one", 'skip'],
    ['I dont have a picture', 'skip'],
    ['not sure', 'skip'],
    ['idk', 'skip'],
    ['no heat in my apartment', undefined],
    ['the pothole is huge', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => assert.equal(readYesNoSkip(text), expected));
  }

  it('"no", "no photo", "nope", "none", "n/a" and "don\'t have one" all skip an optional step', () => {
    for (const text of ['No', 'no photo', 'nope', 'none', 'n/a', "don't have one"])
      assert.ok(isSkip(text), text);
    assert.ok(!isSkip('a photo is coming'));
    for (const text of ['idk didnt measure it', 'no idea', 'no se', 'ni idea']) assert.ok(isSkip(text), text);
  });

  it('reads a yes or no said first and explained after', () => {
    assert.equal(leadingYesNo('yes it was out by 7'), 'yes');
    assert.equal(leadingYesNo('yea its blocking the road'), 'yes');
    assert.equal(leadingYesNo('no he never answers'), 'no');
    assert.equal(leadingYesNo('yes but not all of it'), undefined);
    assert.equal(leadingYesNo('maybe'), undefined);
    // The "dont" of someone else's clause is theirs: the answer is still yes.
    assert.equal(leadingYesNo('ya he dont answer'), 'yes');
    assert.equal(leadingYesNo('kinda, theres a swear word'), 'yes');
    assert.equal(leadingYesNo('yea its not blocking'), undefined);
  });
});
