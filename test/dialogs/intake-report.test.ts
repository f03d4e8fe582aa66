import assert from 'node:assert/strict';
import { readsAsReport } from '../../dialogs/intake-report.js';

describe('readsAsReport: a report starts the intake, a question gets the answer', () => {
  const cases: readonly [string, boolean][] = [
    ['pothole at 1234 Spruce St', true],
    ["there's a huge pothole in front of 1234 Spruce St", true],
    ['street light out at 26th and oxford', true],
    ['broken traffic light', true],
    ['tree fell and is blocking the street', true],
    ['someone dumped tires in the alley', true],
    ['my trash was missed', true],
    ['I want to report a pothole', true],
    ['report pothole', true],
    ['huge pothole on I-95', true],
    ['pothole on spruce street', true],
    ['how do I report a pothole?', false],
    ['how long do potholes take', false],
    ['what is a big pothole', false],
    ['is the pothole at 1234 spruce fixed?', false],
    ['pothole', false],
    ['', false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected ? 'report' : 'question'}`, () =>
      assert.equal(readsAsReport(text), expected));
  }
});
