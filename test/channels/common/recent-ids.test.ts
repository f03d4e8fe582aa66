import assert from 'node:assert/strict';
import { RecentIds } from '../../../channels/common/recent-ids.js';

describe('RecentIds (delivery dedupe)', () => {
  it('reports the first sight of an id only', () => {
    const ids = new RecentIds();
    assert.deepEqual(
      ['a', 'b', 'a', 'b', 'c'].map((id) => ids.firstSight(id)),
      [true, true, false, false, true],
    );
  });

  it('forgets ids after the TTL, by the injected clock', () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const ids = new RecentIds({ ttlMs: 60_000, clock: () => new Date(now) });
    assert.equal(ids.firstSight('a'), true);
    now += 59_000;
    assert.equal(ids.firstSight('a'), false);
    now += 61_000;
    assert.equal(ids.firstSight('a'), true);
  });

  it('stays bounded, forgetting the oldest first', () => {
    const ids = new RecentIds({ max: 3 });
    for (const id of ['a', 'b', 'c', 'd']) ids.firstSight(id);
    assert.equal(ids.size, 3);
    assert.equal(ids.firstSight('d'), false);
    assert.equal(ids.firstSight('a'), true);
  });
});
