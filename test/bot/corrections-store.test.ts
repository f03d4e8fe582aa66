import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbCorrectionsStore } from '../../bot/corrections-store.js';
import { describeCorrectionsStoreContract } from './corrections-store-contract.js';

describe('lowdb corrections store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corrections-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describeCorrectionsStoreContract('lowdb corrections store', () => ({
    concurrentInstances: false,
    open: (options) => createLowdbCorrectionsStore(join(dir, 'corrections.json'), options),
  }));

  it('opens a file without a list of corrections as empty, and adds to it', async () => {
    const file = join(dir, 'nested', 'corrections.json');
    await createLowdbCorrectionsStore(file);
    await writeFile(file, '{"corrections": {"not": "a list"}}');
    const store = await createLowdbCorrectionsStore(file);
    assert.deepEqual(await store.list(), []);
    await store.add({
      question: 'q',
      outcome: 'no-match',
      answeredTopic: null,
      score: 0,
      correctTopic: null,
      by: 'staff',
    });
    assert.equal((await (await createLowdbCorrectionsStore(file)).list()).length, 1);
  });
});
