import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbOptOutStore } from '../../bot/opt-out-store.js';

describe('lowdb opt-out store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'optouts-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps an opt-out across a restart, per channel, until opt-in', async () => {
    const file = join(dir, 'nested', 'optouts.json');
    const clock = () => new Date('2026-11-23T12:00:00Z');
    const first = await createLowdbOptOutStore(file, clock);
    await first.optOut('sms', '+12155550111', 'STOP');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(Object.values(stored.optOuts), [
      { channel: 'sms', userId: '+12155550111', keyword: 'STOP', at: '2026-11-23T12:00:00.000Z' },
    ]);

    const second = await createLowdbOptOutStore(file, clock);
    assert.equal(await second.isOptedOut('sms', '+12155550111'), true);
    assert.equal(await second.isOptedOut('slack', '+12155550111'), false);
    await second.optIn('sms', '+12155550111');
    const third = await createLowdbOptOutStore(file, clock);
    assert.equal(await third.isOptedOut('sms', '+12155550111'), false);
  });
});
