import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { usePipeline } from '../../bot/pipeline.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import { ConsoleAdapter } from '../../channels/console/index.js';
import {
  type AddressLookup,
  defaultGeocoderFile,
  fileGeocoder,
  loadAddressFile,
  resilientGeocoder,
} from '../../requests/geocoder/index.js';

/**
 * The intake's address through the geocoder, in the real runtime and pipeline
 * (console adapter, state in memory): the shipped offline sample standardises
 * typed addresses, so two reports typed differently 50 m apart are one problem.
 */
const NOW = new Date('2026-11-20T15:00:00Z');

describe('intake with the geocoder (runtime, pipeline, offline sample)', () => {
  async function start(geocoder: AddressLookup) {
    const runtime: Runtime = await createRuntime({
      config: loadConfig({}),
      logger: silentLogger,
      inMemory: true,
      clock: () => NOW,
      geocoder,
    });
    const adapter = usePipeline(new ConsoleAdapter(), {
      bot: runtime.bot,
      emergency: runtime.emergency,
      logger: silentLogger,
    });
    const say = async (text: string, who: string): Promise<string> => {
      const replies: Partial<Activity>[] = await adapter.process(adapter.message(text, who), runtime.bot.run);
      return replies.map((r) => r.text ?? '').join('\n');
    };
    return { runtime, say };
  }

  let sample: AddressLookup;
  before(async () => {
    sample = resilientGeocoder(
      // As a city's complete address file: a number on no listed block is not found.
      fileGeocoder(await loadAddressFile(defaultGeocoderFile()), { complete: true }),
    );
  });

  async function filePothole(say: (t: string, w: string) => Promise<string>, who: string, first: string) {
    let said = await say(first, who);
    for (let i = 0; i < 6 && !/Please check/.test(said); i++) said = await say(i < 2 ? 'skip' : 'No', who);
    assert.match(said, /Please check/);
    return say('yes', who);
  }

  it('stores the standardised address with lat/long and districts, and finds a duplicate typed differently 50 m away', async () => {
    const { runtime, say } = await start(sample);
    try {
      const filed = await filePothole(say, 'alice', 'pothole at 1234 spruce');
      assert.match(filed, /tracking number is #\d{8}/);
      const [stored] = await runtime.requests.find({});
      assert.equal(stored?.location.address, '1234 Spruce St');
      assert.ok(stored?.location.lat !== undefined && stored.location.long !== undefined);
      assert.deepEqual(stored?.location.districts, { council: '5', police: '6', sanitation: '3B' });

      const second = await say('there is a pothole at 1240 Spruce Street', 'bob');
      assert.match(second, /There's already an open report here \(#\d{8}/);
      assert.equal((await runtime.requests.find({ districts: { council: '5' } })).length, 1);
      assert.equal((await runtime.requests.find({ districts: { council: '1' } })).length, 0);
    } finally {
      await runtime.close();
    }
  });

  it('several matches become choices; the choice is stored', async () => {
    const { runtime, say } = await start(sample);
    try {
      const asked = await say('pothole at 500 5th st', 'carol');
      assert.match(asked, /I found more than one match\. Which is it\?/);
      assert.match(await say('500 N 5th St', 'carol'), /Got it: 500 N 5th St\./);
    } finally {
      await runtime.close();
    }
  });

  it('not found: asked once with the hint, then the typed words are kept', async () => {
    const { runtime, say } = await start(sample);
    try {
      const first = await say('pothole at 9 Spruce St', 'dan');
      assert.match(
        first,
        /I couldn't find that address\. Send a house number and street, or the nearest corner\./,
      );
      const second = await say('7 Spruce St', 'dan');
      assert.doesNotMatch(second, /couldn't find/);
      await filePothole(say, 'dan', 'skip');
      const [stored] = await runtime.requests.find({});
      assert.equal(stored?.location.address, '7 Spruce St');
      assert.equal(stored?.location.lat, undefined);
    } finally {
      await runtime.close();
    }
  });

  it('an address the geocoder does not cover (or a geocoder that cannot answer) is kept as typed, as before', async () => {
    const { runtime, say } = await start(sample);
    try {
      assert.match(
        await say('pothole at 1500 Market St', 'erin'),
        /Let's report a street defect \(pothole\) at 1500 Market St\./,
      );
    } finally {
      await runtime.close();
    }
    const down: AddressLookup = { lookup: async () => ({ kind: 'unknown' }) };
    const again = await start(down);
    try {
      assert.match(await again.say('pothole at 1234 spruce', 'erin'), /at 1234 Spruce St\./);
    } finally {
      await again.runtime.close();
    }
  });
});
