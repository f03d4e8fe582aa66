import assert from 'node:assert/strict';
import { cleanInput, MAX_INPUT_CHARS } from '../../bot/clean-input.js';

describe('cleanInput', () => {
  const cases: [string, string, string][] = [
    ['plain text stays', 'when is trash day', 'when is trash day'],
    ['tags go, their words stay', '<p>pothole on <b>Spruce</b> St</p>', 'pothole on Spruce St'],
    ['script and style bodies go', 'hi<script>alert("x")</script><style>p{}</style> there', 'hi there'],
    ['entities are decoded', 'Fish &amp; Chips &lt;3', 'Fish & Chips <3'],
    ['control characters go', 'trash\u0000 day\u0007\u001b', 'trash day'],
    ['zero-width and bidi marks go without splitting the word', 'po\u200bthole\u202e', 'pothole'],
    ['soft hyphens, joiners and isolates go', 'tr\u00ADa\u2060s\u2066h\u2069 d\u200Day', 'trash day'],
    ['whitespace collapses', '  pothole \n\n\t here ', 'pothole here'],
    ['a lone < is text, not a tag', '3 < 4 cars', '3 < 4 cars'],
    ['accents and emoji stay', 'recolección 🗑️', 'recolección 🗑️'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(cleanInput(input), expected));
  }

  it(`cuts a message longer than ${MAX_INPUT_CHARS} characters at a word`, () => {
    const cleaned = cleanInput('pothole '.repeat(1000));
    assert.ok(cleaned.length <= MAX_INPUT_CHARS);
    assert.ok(cleaned.endsWith('pothole'));
  });
});
