import assert from 'node:assert/strict';
import { parseCsv } from '../../requests/liaison-csv.js';
import { isLiaisonError } from '../../requests/liaison-error.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  const cases: ReadonlyArray<readonly [string, string, readonly (readonly string[])[]]> = [
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF line ends and no final line end',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a comma inside quotes', 'x\n"1234 Spruce St, rear"\n', [['x'], ['1234 Spruce St, rear']]],
    ['doubled quotes inside quotes', 'x\n"the ""big"" one"\n', [['x'], ['the "big" one']]],
    [
      'a line break inside quotes',
      'x,y\n"two\nlines",z\n',
      [
        ['x', 'y'],
        ['two\nlines', 'z'],
      ],
    ],
    [
      'empty fields, quoted and not',
      'a,b,c\n,"",\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
    ['blank lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
    ['a byte-order mark skipped', '\ufeffservice_code\npothole', [['service_code'], ['pothole']]],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(fields(text), expected));
  }

  it('names the line each record starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\n"a\nb\nc",1\n\nx,2\n');
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 6],
    );
  });

  const bad: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['an unterminated quote', 'a\n"never closed\n', /line 2: a quoted field is never closed/],
    ['a quote inside an unquoted field', 'a\nab"c\n', /line 2/],
    ['text after a closing quote', 'a\n"ab"c\n', /line 2: text after a closing quote/],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name} with invalid-csv and the line`, () => {
      assert.throws(
        () => parseCsv(text),
        (error: unknown) => isLiaisonError(error, 'invalid-csv') && message.test(error.message),
      );
    });
  }
});
