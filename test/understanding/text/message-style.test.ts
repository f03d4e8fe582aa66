import assert from 'node:assert/strict';
import { isReportStyle, properNames } from '../../../understanding/text/message-style.js';

describe('message style', () => {
  it('tells a report of a problem from a question', () => {
    assert.equal(isReportStyle('Mattress dumped at the corner of Elm and 5th'), true);
    assert.equal(isReportStyle('Street lights on the whole block are out.'), true);
    assert.equal(isReportStyle('how do i get rid of a mattress'), false);
    assert.equal(isReportStyle('Is there a fee for bulk pickup?'), false);
    assert.equal(isReportStyle('trash day'), false);
    assert.equal(isReportStyle('Trash pickup day'), false);
    assert.equal(isReportStyle('trash pickup day skipped again'), true);
  });

  it('treats capitalised words inside a sentence as names, not typos', () => {
    assert.deepEqual(
      [...properNames('Couch dumped on Peat Meadow near Forbes Ave.')],
      ['peat', 'meadow', 'forbes', 'avenue'],
    );
    assert.deepEqual([...properNames('TREE DOWN ON ELM STREET')], []);
  });
});
