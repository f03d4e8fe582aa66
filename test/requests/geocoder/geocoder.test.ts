import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LogFields, Logger } from '../../../bot/logger.js';
import {
  aisGeocoder,
  defaultGeocoderFile,
  fileGeocoder,
  genericGeocoder,
  loadAddressFile,
  parseAddressGeoJson,
  parseCollectionAreas,
  resilientGeocoder,
} from '../../../requests/geocoder/index.js';
import { FAKE_AIS_KEY, type FakeAis, startFakeAis } from '../../helpers/fake-ais.js';
import { AIS_PLACES } from '../../helpers/fake-ais-places.js';
import { listenLoopback } from '../../helpers/loopback-server.js';

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('geocoder: Philadelphia AIS adapter against a loopback fake of /search', () => {
  let ais: FakeAis;
  before(async () => {
    ais = await startFakeAis(AIS_PLACES);
  });
  after(() => ais.close());
  beforeEach(() => {
    ais.mode = 'normal';
  });

  it('a match: the standardised address, [lng, lat] read as lat/long, districts and the trash day', async () => {
    const lookup = resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }));
    const result = await lookup.lookup('1234 spruce');
    assert.equal(result.kind, 'found');
    assert.deepEqual(result.kind === 'found' && result.candidates, [
      {
        address: '1234 SPRUCE ST',
        lat: 39.94707,
        long: -75.16304,
        districts: { council: '5', police: '6', sanitation: '3B' },
        trashDay: 'wednesday',
        confidence: 1,
      },
    ]);
  });

  it('several candidates come back as choices of equal confidence', async () => {
    const result = await resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY })).lookup(
      '500 5th st',
    );
    assert.equal(result.kind, 'found');
    const candidates = result.kind === 'found' ? result.candidates : [];
    assert.deepEqual(
      candidates.map((c) => [c.address, c.trashDay]),
      [
        ['500 N 5TH ST', 'thursday'],
        ['500 S 5TH ST', 'friday'],
      ],
    );
    assert.equal(candidates[0]!.confidence, candidates[1]!.confidence);
  });

  it('no match (404) is "none", not an error', async () => {
    const logger = recordingLogger();
    const result = await resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), {
      logger,
    }).lookup('9999 Nowhere St');
    assert.deepEqual(result, { kind: 'none' });
    assert.deepEqual(
      logger.lines.filter((l) => l.level === 'warn'),
      [],
    );
  });

  it('a slow answer ends at the timeout as "unknown", logged without the address', async () => {
    ais.mode = 'slow';
    const logger = recordingLogger();
    const lookup = resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), {
      timeoutMs: 200,
      logger,
    });
    const started = performance.now();
    const result = await lookup.lookup('1234 Spruce St');
    const took = performance.now() - started;
    assert.deepEqual(result, { kind: 'unknown' });
    assert.ok(took >= 190 && took < 600, `took ${took.toFixed(0)} ms`);
    const warning = logger.lines.find((l) => l.level === 'warn');
    assert.equal(warning?.fields?.code, 'timeout');
    assert.doesNotMatch(JSON.stringify(logger.lines), /spruce/i);
  });

  it('after a failure, lookups are skipped for a while: an outage costs one turn its timeout', async () => {
    ais.mode = 'slow';
    let now = 0;
    const lookup = resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), {
      timeoutMs: 100,
      coolDownMs: 30_000,
      now: () => now,
    });
    assert.deepEqual(await lookup.lookup('1234 Spruce St'), { kind: 'unknown' });
    const searched = ais.searches.length;
    const started = performance.now();
    assert.deepEqual(await lookup.lookup('1240 Spruce St'), { kind: 'unknown' });
    assert.ok(performance.now() - started < 20, 'answered at once during the cool-down');
    assert.equal(ais.searches.length, searched, 'AIS not called during the cool-down');
    ais.mode = 'normal';
    now = 31_000;
    assert.equal((await lookup.lookup('1240 Spruce St')).kind, 'found');
  });

  it('a 500 is "unknown" and logged with its code', async () => {
    ais.mode = 'error';
    const logger = recordingLogger();
    const result = await resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }), {
      logger,
    }).lookup('1234 Spruce St');
    assert.deepEqual(result, { kind: 'unknown' });
    assert.equal(logger.lines.find((l) => l.level === 'warn')?.fields?.code, 'unavailable');
  });

  it('a bad gatekeeper key is "unknown", logged as bad-key and never with the key', async () => {
    const logger = recordingLogger();
    const result = await resilientGeocoder(aisGeocoder({ url: ais.url, key: 'wrong-key' }), {
      logger,
    }).lookup('1234 Spruce St');
    assert.deepEqual(result, { kind: 'unknown' });
    assert.equal(logger.lines.find((l) => l.level === 'warn')?.fields?.code, 'bad-key');
    assert.doesNotMatch(JSON.stringify(logger.lines), /wrong-key/);
  });

  it('a cache hit does not call AIS again and costs well under 5 ms', async () => {
    const lookup = resilientGeocoder(aisGeocoder({ url: ais.url, key: FAKE_AIS_KEY }));
    await lookup.lookup('1234 Spruce St');
    const searched = ais.searches.length;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await lookup.lookup('1234 spruce street');
    const each = (performance.now() - started) / 1000;
    assert.equal(ais.searches.length, searched, 'every later lookup came from the cache');
    assert.ok(each < 5, `${each.toFixed(3)} ms per cached lookup`);
  });
});

describe('geocoder: offline file adapter (the shipped sample)', () => {
  it('places a house number along its block, with the day and districts', async () => {
    const geocoder = fileGeocoder(await loadAddressFile(defaultGeocoderFile()));
    const [found] = (await geocoder.search('1234 spruce')) ?? [];
    assert.equal(found?.address, '1234 SPRUCE ST');
    assert.equal(found?.trashDay, 'wednesday');
    assert.deepEqual(found?.districts, { council: '5', police: '6', sanitation: '3B' });
    assert.ok(Math.abs(found!.lat - 39.94707) < 0.0002 && Math.abs(found!.long + 75.16304) < 0.0002);
  });

  it('a street without a direction that has two gives two candidates; a listed street without the number gives none; another street is not covered', async () => {
    const ranges = await loadAddressFile(defaultGeocoderFile());
    const complete = fileGeocoder(ranges, { complete: true });
    assert.deepEqual(
      ((await complete.search('500 5th st')) ?? []).map((c) => c.address),
      ['500 N 5TH ST', '500 S 5TH ST'],
    );
    assert.deepEqual(await complete.search('9 Spruce St'), []);
    assert.equal(await complete.search('1500 Market St'), undefined);
    assert.equal(await complete.search('26th & Oxford'), undefined);
  });

  it('a file that is not complete (the sample, by default) leaves a number beside its blocks not covered, so the typed address is kept', async () => {
    const partial = fileGeocoder(await loadAddressFile(defaultGeocoderFile()));
    assert.equal(await partial.search('2200 Spruce St'), undefined);
    assert.equal(((await partial.search('1234 Spruce St')) ?? [])[0]?.address, '1234 SPRUCE ST');
  });

  it('a shared point finds the nearest listed address; a point far from all is not covered', async () => {
    const geocoder = fileGeocoder(await loadAddressFile(defaultGeocoderFile()));
    const [near] = (await geocoder.search({ lat: 39.94708, long: -75.1631 })) ?? [];
    assert.match(near?.address ?? '', /^12\d\d SPRUCE ST$/);
    assert.equal(await geocoder.search({ lat: 40.1, long: -75.0 }), undefined);
  });

  it('reads GeoJSON points and lines, and refuses a file without the needed columns naming it', async () => {
    const ranges = parseAddressGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { address: '10 Elm St', day: 'MON', council: '1' },
            geometry: { type: 'Point', coordinates: [-75.1, 39.9] },
          },
          {
            type: 'Feature',
            properties: { street: 'Oak Ave', from: 100, to: 198, day: 'TUE' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [-75.2, 39.9],
                [-75.19, 39.9],
              ],
            },
          },
        ],
      }),
    );
    const geocoder = fileGeocoder(ranges);
    assert.equal((await geocoder.search('10 elm street'))?.[0]?.trashDay, 'monday');
    assert.equal((await geocoder.search('149 oak ave'))?.[0]?.long, -75.195);
    const dir = await mkdtemp(join(tmpdir(), 'geocoder-'));
    try {
      const bad = join(dir, 'bad.csv');
      await writeFile(bad, 'street,day\nSPRUCE ST,WED\n');
      await assert.rejects(loadAddressFile(bad), /bad\.csv: the header has no "from" column/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('geocoder: generic adapter (Nominatim and Pelias) with a collection-area file', () => {
  const areas = parseCollectionAreas(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { day: 'THU', council: '7' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-75.2, 39.9],
                [-75.1, 39.9],
                [-75.1, 40.0],
                [-75.2, 40.0],
                [-75.2, 39.9],
              ],
            ],
          },
        },
      ],
    }),
  );

  it('Nominatim: the day and districts from the area holding the point', async () => {
    const server = await listenLoopback((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q');
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          q === '10 Elm St'
            ? [{ lat: '39.95', lon: '-75.15', display_name: '10, Elm Street, Somewhere', importance: 0.6 }]
            : [],
        ),
      );
    });
    try {
      const lookup = resilientGeocoder(genericGeocoder({ url: `${server.url}/search`, areas }));
      const result = await lookup.lookup('10 Elm St');
      assert.equal(result.kind, 'found');
      const [c] = result.kind === 'found' ? result.candidates : [];
      assert.deepEqual(
        [c?.trashDay, c?.districts, c?.lat, c?.long],
        ['thursday', { council: '7' }, 39.95, -75.15],
      );
      assert.deepEqual(await lookup.lookup('11 Nowhere St'), { kind: 'none' });
    } finally {
      await server.close();
    }
  });

  it('Pelias: GeoJSON features, outside every area no trash day', async () => {
    const server = await listenLoopback((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: '10 Elm St', confidence: 0.9 },
              geometry: { type: 'Point', coordinates: [-74.5, 39.5] },
            },
          ],
        }),
      );
    });
    try {
      const result = await resilientGeocoder(
        genericGeocoder({ url: `${server.url}/v1/search`, areas }),
      ).lookup('10 Elm St');
      const [c] = result.kind === 'found' ? result.candidates : [];
      assert.equal(c?.address, '10 Elm St');
      assert.equal(c?.trashDay, undefined);
    } finally {
      await server.close();
    }
  });
});
