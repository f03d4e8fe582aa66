import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { loadArticles } from '../../knowledge/index.js';
import {
  CatalogError,
  type CatalogErrorCode,
  type CatalogTopic,
  DEFAULT_CATALOG_FILE,
  loadCatalog,
  parseCatalog,
  type ServiceCatalog,
} from '../../knowledge/service-catalog.js';

/** The topic contract, as the project keeps it (`npm run check:shared` compares it with the steering copy). */
const TOPICS_FILE = new URL('../../knowledge/topics.yaml', import.meta.url);

async function contractTopics(): Promise<CatalogTopic[]> {
  const doc = parseYaml(await readFile(TOPICS_FILE, 'utf8')) as { topics: CatalogTopic[] };
  return doc.topics;
}

const TOPICS: CatalogTopic[] = [
  { id: 'pothole', kind: 'both' },
  { id: 'street-defect', kind: 'both' },
  { id: 'contact-311', kind: 'info' },
];

/** A small valid catalog; `patch` edits the first service. */
function yamlWith(patch: string, extra = ''): string {
  return `
routing:
  - id: gas-leak
    routeTo: emergency
    patterns: ['\\bgas\\b.{0,20}\\bleak']
    message: Call 911.
services:
  - code: pothole
    topic: pothole
    name: Street Defect (Pothole)
    agency: Streets Department
    group: Streets
    description: A pothole.
    businessDays: 3
    urgent: false
${patch}
  - code: street-defect
    topic: street-defect
    name: Street Defect
    agency: Streets Department
    group: Streets
    description: A cave-in.
    urgent: false
${extra}`;
}

function expectCatalogError(source: string, code: CatalogErrorCode, service?: string): CatalogError {
  try {
    parseCatalog(source, 'catalog.yaml', { topics: TOPICS });
  } catch (error) {
    assert.ok(error instanceof CatalogError, `expected a CatalogError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, /^catalog\.yaml/);
    if (service !== undefined) {
      assert.equal(error.service, service);
      assert.ok(error.message.includes(`"${service}"`), error.message);
    }
    return error;
  }
  assert.fail(`expected CatalogError ${code}`);
}

describe('service catalog', () => {
  let catalog: ServiceCatalog;
  let topics: CatalogTopic[];

  before(async () => {
    topics = await contractTopics();
    catalog = await loadCatalog(DEFAULT_CATALOG_FILE, { topics });
  });

  it('offers a service for every topic the bot can file, under the topic id', () => {
    const both = topics.filter((t) => t.kind === 'both');
    assert.ok(both.length >= 15);
    for (const topic of both) {
      const service = catalog.forTopic(topic.id);
      assert.equal(service?.code, topic.id, `topic ${topic.id}`);
    }
  });

  it('agrees with the shipped articles: each service topic is an article, each filing article has its service', async () => {
    const articles = await loadArticles();
    const checked = await loadCatalog(DEFAULT_CATALOG_FILE, { topics: articles });
    for (const article of articles) {
      if (article.service !== undefined)
        assert.ok(checked.get(article.service), `${article.id} files ${article.service}`);
    }
  });

  it('uses the names the city uses and names the department responsible', () => {
    const names = new Map(catalog.services.map((s) => [s.code as string, s]));
    assert.equal(names.get('graffiti')?.name, 'Graffiti Removal');
    assert.equal(names.get('abandoned-vehicle')?.name, 'Abandoned Vehicle');
    assert.equal(names.get('missed-collection')?.name, 'Rubbish/Recyclable Material Collection');
    assert.equal(names.get('property-maintenance')?.agency, 'Licenses and Inspections');
    assert.match(names.get('smoke-alarm')?.agency ?? '', /Fire Department/);
    assert.match(names.get('rodents')?.agency ?? '', /Health Department/);
    assert.match(names.get('tree-problem')?.agency ?? '', /Parks & Recreation/);
    assert.match(names.get('vacant-lot')?.agency ?? '', /Community Life Improvement Program/);
  });

  it('carries the time frames the city states, and none where it states none', () => {
    assert.equal(catalog.get('pothole')?.businessDays, 3);
    assert.equal(catalog.get('graffiti')?.businessDays, 5);
    assert.equal(catalog.get('street-defect')?.businessDays, 14);
    assert.equal(catalog.get('smoke-alarm')?.calendarDays, 60);
    const alley = catalog.get('alley-light-outage');
    assert.equal(alley?.topic, 'street-light-outage');
    assert.equal(alley?.businessDays, undefined);
    assert.equal(alley?.calendarDays, undefined);
  });

  it('describes attributes in Open311 datatypes, with the values of each list', () => {
    const vehicle = catalog.get('abandoned-vehicle')!;
    assert.deepEqual(
      vehicle.attributes.filter((a) => a.required).map((a) => a.code),
      ['make', 'color'],
    );
    assert.ok(vehicle.attributes.some((a) => a.code === 'license_plate'));
    const dumped = catalog.get('illegal-dumping')!.attributes.find((a) => a.code === 'dumped_items');
    assert.equal(dumped?.datatype, 'multivaluelist');
    assert.ok((dumped?.values?.length ?? 0) >= 3);
    const blocking = catalog.get('tree-problem')!.attributes.find((a) => a.code === 'blocking_street');
    assert.deepEqual(
      blocking?.values?.map((v) => v.key),
      ['yes', 'no'],
    );
    assert.deepEqual(catalog.get('tree-problem')?.urgentWhen, {
      attribute: 'blocking_street',
      values: ['yes'],
    });
  });

  describe('routing rules', () => {
    const cases: [string, string | undefined][] = [
      ['I smell gas in front of my house', 'emergency'],
      ['there is a gas leak on my block', 'emergency'],
      ['car parked for weeks, steering column is broken', 'emergency'],
      ['water is gushing out of the street at 5th and Market', 'water-department'],
      ['huge pothole on I-95 northbound', 'state-dot'],
      ['pothole on the Schuylkill Expressway', 'state-dot'],
      ['the light in the private alley behind us is out', 'property-owner'],
      ['pothole in front of 1234 Spruce St', undefined],
      ['street light out at 26th and Oxford', undefined],
    ];
    for (const [report, routeTo] of cases) {
      it(`"${report}" -> ${routeTo ?? 'filed'}`, () => {
        assert.equal(catalog.route(report)?.routeTo, routeTo);
      });
    }

    it('applies a service rule: the city looks after street trees only between sidewalk and curb', () => {
      const rule = catalog.route('a big tree fell in my backyard', 'tree-problem');
      assert.equal(rule?.routeTo, 'property-owner');
      assert.match(rule?.message ?? '', /between the sidewalk and the\s+curb/);
      assert.equal(
        catalog.route('the tree in front of my house is hanging over the street', 'tree-problem'),
        undefined,
      );
    });

    it('tells the resident what to do instead, without inventing a phone number', () => {
      for (const rule of [...catalog.rules, ...catalog.services.flatMap((s) => s.routing)]) {
        assert.ok(rule.message.length > 20, rule.id);
        assert.doesNotMatch(rule.message, /\d{3}[-. ]\d{4}/, `${rule.id} quotes a phone number`);
      }
      assert.match(catalog.route('smell of gas')?.message ?? '', /911/);
    });
  });

  describe('validation at start-up (errors name the file and the service)', () => {
    it('accepts the small valid catalog', () => {
      const small = parseCatalog(yamlWith(''), 'catalog.yaml', { topics: TOPICS });
      assert.deepEqual(
        small.services.map((s) => s.code),
        ['pothole', 'street-defect'],
      );
    });

    it('rejects an unknown datatype', () => {
      const error = expectCatalogError(
        yamlWith(
          '    attributes:\n      - {code: size, datatype: colour, required: true, description: Size?}',
        ),
        'unknown-datatype',
        'pothole',
      );
      assert.match(error.message, /size/);
    });

    it('rejects a list without values', () => {
      expectCatalogError(
        yamlWith(
          '    attributes:\n      - {code: size, datatype: singlevaluelist, required: true, description: Size?}',
        ),
        'list-without-values',
        'pothole',
      );
    });

    it('rejects a choice name cut at an unquoted comma, naming the stray field', () => {
      const error = expectCatalogError(
        yamlWith(
          [
            '    attributes:',
            '      - code: hit',
            '        datatype: singlevaluelist',
            '        required: true',
            '        description: What was hit?',
            '        values:',
            '          - {key: pole-or-box, name: A pole, mailbox or utility box}',
          ].join('\n'),
        ),
        'bad-field',
        'pothole',
      );
      assert.match(error.message, /pole-or-box.*"mailbox or utility box".*quote/);
    });

    it('rejects a duplicate service code', () => {
      expectCatalogError(
        yamlWith(
          '',
          '  - {code: pothole, topic: pothole, name: X, agency: Y, group: Z, description: D, urgent: false}',
        ),
        'duplicate-code',
        'pothole',
      );
    });

    it('rejects a topic that is not in the knowledge base', () => {
      expectCatalogError(
        yamlWith(
          '',
          '  - {code: sinkhole, topic: sinkholes, name: X, agency: Y, group: Z, description: D, urgent: false}',
        ),
        'unknown-topic',
        'sinkhole',
      );
    });

    it('rejects a "both" topic without its service', () => {
      const source = yamlWith('').replace(/ {2}- code: street-defect[\s\S]*$/, '');
      expectCatalogError(source, 'missing-service', 'street-defect');
    });

    it('rejects a routing pattern that is not a regular expression', () => {
      expectCatalogError(
        yamlWith(
          '    routing:\n      - {id: broken, routeTo: other, patterns: ["(unclosed"], message: Elsewhere.}',
        ),
        'bad-pattern',
        'pothole',
      );
    });

    it('rejects a missing required field and bad YAML', () => {
      expectCatalogError(
        yamlWith('').replace('    agency: Streets Department\n', ''),
        'bad-field',
        'pothole',
      );
      expectCatalogError('services: [unclosed', 'bad-yaml');
    });

    it('names the file when it cannot be read', async () => {
      await assert.rejects(loadCatalog('/nonexistent/catalog.yaml'), (error: unknown) => {
        assert.ok(error instanceof CatalogError);
        assert.equal(error.code, 'unreadable');
        assert.match(error.message, /\/nonexistent\/catalog\.yaml/);
        return true;
      });
    });
  });
});
