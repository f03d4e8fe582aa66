import assert from 'node:assert/strict';
import { parseAttribute } from '../../dialogs/intake-attributes.js';
import { locationFromActivity, photoFromActivity } from '../../dialogs/intake-geo.js';
import { parseContact } from '../../dialogs/intake-steps.js';
import type { ServiceAttribute } from '../../knowledge/catalog-types.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const TZ = 'America/New_York';

describe('intake steps: locations a channel sends', () => {
  const cases: readonly [string, Parameters<typeof locationFromActivity>[0], object | undefined][] = [
    [
      'Bot Framework GeoCoordinates entity',
      { entities: [{ type: 'GeoCoordinates', latitude: 39.95, longitude: -75.16 }] },
      { lat: 39.95, long: -75.16 },
    ],
    [
      'Place entity with geo and address',
      {
        entities: [
          { type: 'Place', geo: { latitude: '39.95', longitude: '-75.16' }, address: '1234 spruce street' },
        ],
      },
      { lat: 39.95, long: -75.16, address: '1234 Spruce St' },
    ],
    [
      'geo attachment',
      { attachments: [{ contentType: 'application/vnd.geo+json', content: { lat: 39.9, lng: -75.1 } }] },
      { lat: 39.9, long: -75.1 },
    ],
    [
      'channelData.location',
      { channelData: { location: { latitude: 39.9, longitude: -75.1 } } },
      { lat: 39.9, long: -75.1 },
    ],
    [
      'channelData latitude/longitude',
      { channelData: { latitude: 39.9, longitude: -75.1 } },
      { lat: 39.9, long: -75.1 },
    ],
    [
      'out of range',
      { entities: [{ type: 'GeoCoordinates', latitude: 139.9, longitude: -75.1 }] },
      undefined,
    ],
    ['0,0 (no fix)', { entities: [{ type: 'GeoCoordinates', latitude: 0, longitude: 0 }] }, undefined],
    ['nothing', {}, undefined],
  ];
  for (const [name, activity, expected] of cases) {
    it(name, () => assert.deepEqual(locationFromActivity(activity), expected));
  }

  it('takes an image attachment as the photo, not other files', () => {
    assert.equal(
      photoFromActivity({
        attachments: [{ contentType: 'image/png', contentUrl: 'https://x.example/p.png' }],
      }),
      'https://x.example/p.png',
    );
    assert.equal(
      photoFromActivity({
        attachments: [{ contentType: 'application/pdf', contentUrl: 'https://x.example/a.pdf' }],
      }),
      undefined,
    );
    assert.equal(
      photoFromActivity({ attachments: [{ contentType: 'image/png', contentUrl: 'file:///etc/passwd' }] }),
      undefined,
    );
  });
});

describe('intake steps: attribute answers', () => {
  const list: ServiceAttribute = {
    code: 'size',
    datatype: 'singlevaluelist',
    required: true,
    description: 'How big?',
    order: 1,
    values: [
      { key: 'small', name: 'Small' },
      { key: 'large', name: 'Larger than a tire' },
    ],
  };
  const multi: ServiceAttribute = { ...list, code: 'items', datatype: 'multivaluelist' };
  const count: ServiceAttribute = {
    code: 'count',
    datatype: 'number',
    required: false,
    description: 'How many?',
    order: 2,
  };
  const cases: readonly [string, ServiceAttribute, string, unknown][] = [
    ['number of a choice', list, '2', { kind: 'value', value: 'large' }],
    ['words of a choice', list, 'larger than a tire', { kind: 'value', value: 'large' }],
    ['start of a choice', list, 'Larg', { kind: 'value', value: 'large' }],
    ['out-of-range number', list, '7', 'invalid'],
    ['a word not in the list', list, 'purple', 'invalid'],
    ['required cannot be skipped', list, 'skip', 'invalid'],
    ['several choices', multi, '1 and 2', { kind: 'value', value: ['small', 'large'] }],
    ['a bad one among several', multi, '1, 9', 'invalid'],
    ['a number', count, '3', { kind: 'value', value: '3' }],
    ['not a number', count, 'lots', 'invalid'],
    ['optional skipped', count, 'skip', { kind: 'skipped' }],
  ];
  for (const [name, attribute, answer, expected] of cases) {
    it(`${name}: ${JSON.stringify(answer)}`, () => {
      const got = parseAttribute(attribute, answer, NOW, TZ);
      if (expected === 'invalid') assert.equal(got.kind, 'invalid');
      else assert.deepEqual(got, expected);
    });
  }
});

describe('intake steps: contact details', () => {
  const cases: readonly [string, unknown][] = [
    ['Jane Doe 215-555-0100', { name: 'Jane Doe', phone: '215-555-0100' }],
    ['my name is Ana, email ana@example.org', { name: 'Ana', email: 'ana@example.org' }],
    ['(215) 555 0100', { phone: '215-555-0100' }],
    ['jane@', 'error'],
    ['215-55', 'error'],
    ['call 555-01', 'error'],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => {
      const got = parseContact(text);
      if (expected === 'error') assert.ok('error' in got, JSON.stringify(got));
      else assert.deepEqual(got, expected);
    });
  }
});
