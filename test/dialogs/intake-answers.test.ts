import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { ServiceRequest } from '../../requests/types.js';
import { play, type Transcript } from './intake-harness.js';
import { useIntakeSuite } from './intake-requests.js';

/**
 * Answers that are not the plain answer to the question asked (issue 12): an
 * answer that gives another question's value, two values in one answer, the
 * resident's everyday and Spanish words for a choice, "idk" to an optional
 * question, and a first message whose words name the service more plainly than
 * the knowledge search did. Each is answered once: nothing is asked again.
 */
const NOW = new Date('2026-11-20T15:00:00Z'); // Friday, 10 AM in Philadelphia
const clock = () => NOW;

const slotOf = (reply: Partial<Activity>): string | undefined =>
  (reply.channelData as { slot?: string } | undefined)?.slot;
const asks = (slot: string, text?: RegExp) => (reply: Partial<Activity>) => {
  assert.equal(slotOf(reply), slot, `asks ${slot}: ${JSON.stringify(reply.text)}`);
  if (text) assert.match(reply.text ?? '', text);
};

describe('IntakeDialog: answers to another question, synonyms and Spanish (transcripts)', () => {
  const intake = useIntakeSuite(clock);

  const cases: readonly {
    name: string;
    /** The service the knowledge search picked (the main dialog passes it). */
    service?: string;
    transcript: Transcript;
    after: (stored: ServiceRequest[]) => void;
  }[] = [
    {
      name: 'the place given to the size question is kept for the place question, which is not asked',
      service: 'pothole',
      transcript: [
        ['pothole at 2200 Walnut St', asks('size')],
        ['its in the bike lane', asks('extras', /^Noted: in a bike lane\./)],
        ['no', asks('confirm', /position: In a bike lane/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { position: 'bike-lane' }),
    },
    {
      name: 'a size and a place in one answer fill both questions',
      service: 'pothole',
      transcript: [
        ['pothole at 5600 Germantown Ave', asks('size')],
        ['its in the bike lane, maybe 6 inches wide', asks('extras')],
        ['no', asks('confirm', /size: Smaller than a dinner plate\nposition: In a bike lane/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { size: 'small', position: 'bike-lane' }),
    },
    {
      name: 'an address answer that also says the size fills the size: "1500 Park Ave, its huge"',
      service: 'pothole',
      transcript: [
        ['I want to report a pothole', asks('address')],
        ['1500 Park Ave, its huge', asks('position', /^Got it: 1500 Park Ave\. Noted: larger than a tire\./)],
        ['right lane', asks('description')],
        ['deep hole', asks('extras')],
        ['no', asks('confirm', /size: Larger than a tire/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => {
        assert.equal(r?.location.address, '1500 Park Ave');
        assert.deepEqual(r?.attributes, { size: 'large', position: 'travel-lane' });
      },
    },
    {
      name: '"idk didnt measure it" and "no idea" skip optional questions without asking again',
      service: 'pothole',
      transcript: [
        ['pothole at 7300 Ogontz Ave', asks('size')],
        ['idk didnt measure it', asks('position')],
        ['no idea', asks('extras')],
        ['none', asks('confirm')],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, {}),
    },
    {
      name: 'a foot across is bigger than a dinner plate: "about a tire wide"',
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave', asks('size')],
        ['about a foot', asks('position')],
        ['left lane', asks('extras')],
        ['no', asks('confirm', /size: About a tire wide/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { size: 'medium', position: 'travel-lane' }),
    },
    {
      name: 'everyday words for the choices: "couch and bags of trash", "bout a truck full", "in the alley"',
      service: 'illegal-dumping',
      transcript: [
        ['dumping at 5500 Chestnut St', asks('dumped_items')],
        ['couch and bags of trash', asks('amount')],
        ['bout a truck full', asks('dumped_on')],
        ['the alley', asks('extras')],
        ['no', asks('confirm', /dumped items: Furniture or mattresses, Household trash/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) =>
        assert.deepEqual(r?.attributes, {
          dumped_items: ['furniture', 'household-trash'],
          amount: 'truck-load',
          dumped_on: 'alley',
        }),
    },
    {
      name: 'a compound word and a number in words: "my backyard" is a yard, "single family" is one-family',
      service: 'rodents',
      transcript: [
        ['rats at 1315 Mifflin St', asks('seen_at')],
        ['my backyard', asks('burrows')],
        ['no', asks('extras')],
        ['no', asks('confirm', /seen at: In a yard/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { seen_at: 'yard', burrows: 'no' }),
    },
    {
      name: '"a single family row home" is one-family and counts no floors',
      service: 'smoke-alarm',
      transcript: [
        ['free smoke alarm for 6012 Reinhard St', asks('owner_occupied')],
        ['yes, I own it and live here', asks('home_type')],
        ['a single family row home', asks('floors')],
        ['three with the basement', asks('extras')],
        ['no', asks('confirm', /home type: One-family\nfloors: 3/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) =>
        assert.deepEqual(r?.attributes, { owner_occupied: 'yes', home_type: 'one-family', floors: '3' }),
    },
    {
      name: 'Spanish answers: "la basura", "si", "ayer"',
      service: 'missed-collection',
      transcript: [
        ['no recogieron la basura en 4822 N 5th St', asks('set_out_on_time')],
        ['si', asks('collection_date')],
        ['ayer', asks('extras')],
        ['no gracias', asks('confirm', /collection type: Trash\nset out on time: Yes/)],
        ['si', 'Filed!'],
      ],
      after: ([r]) => {
        assert.equal(r?.attributes.collection_type, 'trash');
        assert.equal(r?.attributes.set_out_on_time, 'yes');
        assert.equal(String(r?.attributes.collection_date).slice(0, 10), '2026-11-19');
      },
    },
    {
      name: 'Spanish answers: "en la pared", "no se quien es el dueño"',
      service: 'graffiti',
      transcript: [
        ['hay grafiti en 3100 N 5th St', asks('surface')],
        ['en la pared', asks('owner_consent')],
        ['no se quien es el dueño', asks('offensive')],
        ['no', asks('extras')],
        ['no', asks('confirm')],
        ['si', 'Filed!'],
      ],
      after: ([r]) =>
        assert.deepEqual(r?.attributes, { surface: 'building', owner_consent: 'unknown', offensive: 'no' }),
    },
    {
      name: 'a pothole "en el carril derecho" is in a travel lane',
      service: 'pothole',
      transcript: [
        ['hay un bache grande en 2300 Walnut St', asks('position')],
        ['en el carril derecho', asks('extras')],
        ['no', asks('confirm', /size: Larger than a tire\nposition: In a travel lane/)],
        ['si', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { size: 'large', position: 'travel-lane' }),
    },
    {
      name: 'yes said first is a yes, though the landlord\'s "dont" follows: "ya he dont answer"',
      service: 'no-heat',
      transcript: [
        ['no heat at 5010 Walnut St', asks('rental')],
        ['yea', asks('landlord_told')],
        ['ya he dont answer', asks('unit')],
        ['2R', asks('extras')],
        ['no', asks('confirm')],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { rental: 'yes', landlord_told: 'yes', unit: '2R' }),
    },
    {
      name: '"@" before the cross streets: the word before it is not a street',
      service: 'pothole',
      transcript: [
        ['giant pot hole in da crosswalk @ 19th & chestnut', asks('extras', /at 19th St & Chestnut St\./)],
        ['n/a', asks('confirm', /size: Larger than a tire\nposition: In a crosswalk/)],
        ['yup', 'Filed!'],
      ],
      after: ([r]) => assert.equal(r?.location.address, '19th St & Chestnut St'),
    },
    {
      name: 'the words name the service plainly: "abandoned house" is a vacant house whatever the search found',
      service: 'dangerous-building',
      transcript: [
        [
          'abandoned house at 2231 N Gratz St, kids going in thru the back window',
          asks('open_to_trespass', /^Let's report a vacant house/),
        ],
        ['yes', asks('extras')],
        ['no', asks('confirm')],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.equal(r?.serviceCode, 'vacant-house'),
    },
    {
      name: '"alley light out" is an alley light, not a street light',
      service: 'street-light-outage',
      transcript: [
        ['alley light out behind 3021 Tulip St', asks('pole_number', /^Let's report an alley light outage/)],
        ['A-2291', asks('extras')],
        ['no', asks('confirm')],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => {
        assert.equal(r?.serviceCode, 'alley-light-outage');
        assert.deepEqual(r?.attributes, { light_condition: 'out', pole_number: 'A-2291' });
      },
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      await play(intake.bot(c.service), c.transcript);
      c.after(await intake.requests.all());
    });
  }
});
