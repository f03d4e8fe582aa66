import assert from 'node:assert/strict';
import { matchService, serviceNamed } from '../../dialogs/intake-service.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';

describe('intake: the service a report names', () => {
  let catalog: ServiceCatalog;
  before(async () => {
    catalog = await loadCatalog();
  });

  const cases: readonly [string, string | undefined][] = [
    ['pothole at 1500 Park Ave', 'pothole'],
    // A word few services use outweighs one many share: "alley" over "light out".
    ['alley light out behind 3021 Tulip St', 'alley-light-outage'],
    ['traffic light out at broad and girard', 'traffic-signal'],
    ['street light out at 2400 N Front St', 'street-light-outage'],
    // Misspelt words are read as the catalog's own.
    ['manhol cover missin at 18th & Wallace', 'manhole-cover'],
    ['abandond car at 220 Front St', 'abandoned-vehicle'],
    ['abandoned house next door at 2231 N Gratz St', 'vacant-house'],
    ['when is trash day', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () =>
      assert.equal(matchService(catalog, text)?.code, expected));
  }

  it('says how plainly: a phrase of two words, or one word', () => {
    assert.equal(serviceNamed(catalog, 'abandoned house on my street')?.longest, 2);
    assert.equal(serviceNamed(catalog, 'the sidewalk outside 812 Pine St')?.longest, 1);
  });
});
