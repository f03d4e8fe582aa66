import assert from 'node:assert/strict';
import { loadCatalog, type ServiceCatalog } from '../../../knowledge/service-catalog.js';
import {
  type Choice,
  choiceMentioned,
  choicesMentioned,
  readChoice,
} from '../../../understanding/slots/choice.js';
import { SlotSpeller } from '../../../understanding/slots/spelling.js';

describe("slot reader: a choice from free words (the catalog's own labels)", () => {
  let catalog: ServiceCatalog;
  before(async () => {
    catalog = await loadCatalog();
  });
  const values = (service: string, attribute: string): readonly Choice[] =>
    catalog.get(service)!.attributes.find((a) => a.code === attribute)!.values!;
  const keyOf = (choices: readonly Choice[], i: number | undefined) =>
    i === undefined ? undefined : choices[i]!.key;

  const answers: readonly [string, string, string, string | undefined][] = [
    ['pothole', 'size', '3', 'large'],
    ['pothole', 'size', 'about two feet wide', 'medium'],
    ['pothole', 'size', 'huge', 'large'],
    ['pothole', 'size', 'like a manhole', 'medium'],
    ['pothole', 'position', 'in the right lane', 'travel-lane'],
    ['pothole', 'position', 'by the curb', 'parking-lane'],
    ['street-light-outage', 'light_condition', 'it flickers', 'flickering'],
    ['street-light-outage', 'light_condition', 'stays on all day', 'day-burner'],
    ['graffiti', 'owner_consent', 'im the owner', 'owner'],
    ['graffiti', 'offensive', 'nah', 'no'],
    ['vacant-house', 'open_to_trespass', 'not sure', 'unknown'],
    ['missed-collection', 'set_out_on_time', 'yes it was out by 7', 'yes'],
    ['illegal-dumping', 'amount', 'like a truck load', 'truck-load'],
    ['pothole', 'position', 'purple', undefined],
    // Misspelt, read with the list's own words (and the size and place words).
    ['pothole', 'position', 'rite lane', 'travel-lane'],
    ['pothole', 'position', 'curbb', 'parking-lane'],
    ['pothole', 'position', 'crosswlak', 'crosswalk'],
    ['pothole', 'size', 'hudge', 'large'],
    ['graffiti', 'surface', 'mailbx', 'pole-or-box'],
    ['missed-collection', 'collection_type', 'recylcing', 'recycling'],
    // English words are not made into other words by one edit: "light" is no "right".
    ['pothole', 'position', 'under the light', undefined],
    // Not knowing picks the list's "I don't know" choice.
    ['graffiti', 'owner_consent', 'no idea who owns it', 'unknown'],
    ['graffiti', 'owner_consent', 'no se quien es el dueño', 'unknown'],
    // Synonyms of the search's concept groups, Spanish words, compounds and numbers in words.
    ['illegal-dumping', 'dumped_items', 'a couch', 'furniture'],
    ['illegal-dumping', 'amount', 'bout a truck full', 'truck-load'],
    ['missed-collection', 'collection_type', 'la basura', 'trash'],
    ['missed-collection', 'collection_type', 'reciclaje', 'recycling'],
    ['graffiti', 'surface', 'en la pared', 'building'],
    ['rodents', 'seen_at', 'my backyard', 'yard'],
    ['smoke-alarm', 'home_type', 'single', 'one-family'],
    ['smoke-alarm', 'home_type', 'a single family row home', 'one-family'],
    ['smoke-alarm', 'home_type', 'two family', 'two-family'],
    // A letter left by an apostrophe is no word of a label ("owner's" -> owner s).
    ['graffiti', 'owner_consent', "it's the city's box", undefined],
  ];
  for (const [service, attribute, text, expected] of answers) {
    it(`${service} ${attribute}: ${JSON.stringify(text)} -> ${expected}`, () =>
      assert.equal(
        keyOf(values(service, attribute), readChoice(text, values(service, attribute))),
        expected,
      ));
  }

  it('reads from a sentence only what it states', () => {
    const light = values('street-light-outage', 'light_condition');
    assert.equal(keyOf(light, choiceMentioned('the street light is out at', light)), 'out');
    const size = values('pothole', 'size');
    assert.equal(keyOf(size, choiceMentioned('huge pothole in the right lane at', size)), 'large');
    assert.equal(choiceMentioned('pothole at', size), undefined);
    // A yes/no question is never answered by a sentence that happens to say "no".
    const rental = values('no-heat', 'rental');
    assert.equal(choiceMentioned('no heat in my apartment', rental), undefined);
    const dumped = values('illegal-dumping', 'dumped_items');
    assert.deepEqual(
      choicesMentioned('someone dumped a mattress and tires', dumped, true).map((i) => dumped[i]!.key),
      ['tires', 'furniture'],
    );
    const lot = values('vacant-lot', 'lot_problem');
    assert.deepEqual(
      choicesMentioned('empty lot full of weeds n trash', lot, true).map((i) => lot[i]!.key),
      ['overgrown', 'trash'],
    );
  });

  it('reads a typo in a first message, but not a sound-alike English word ("fall" is not "fell")', () => {
    const size = values('pothole', 'size');
    assert.equal(keyOf(size, choiceMentioned('pot hole hudge at 1500 park ave', size)), 'large');
    const tree = values('tree-problem', 'tree_problem');
    assert.notEqual(
      keyOf(tree, choiceMentioned('a branch is about to fall on the sidewalk', tree)),
      'fallen',
    );
  });
});

describe('SlotSpeller', () => {
  it('leaves vocabulary words and short words alone', () => {
    const speller = new SlotSpeller(['right', 'lane', 'curb']);
    assert.equal(speller.text('Right lane, by the curb'), 'right lane by the curb');
    assert.equal(speller.word('rd'), 'rd');
  });
});
