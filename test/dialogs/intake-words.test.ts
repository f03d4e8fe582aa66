import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { renderSms } from '../../channels/sms/sms-renderer.js';
import type { ServiceRequest } from '../../requests/types.js';
import { choicesOf, play, type Transcript } from './intake-harness.js';
import { useIntakeSuite } from './intake-requests.js';

/**
 * The intake takes residents' own words (issue 12): free words map to the
 * catalog's choices, the first message fills what it already says, addresses
 * are read inside sentences whatever the street is called, a count is a count,
 * and no question is asked more than twice. Table-driven transcripts through
 * the real intake dialog, catalog and request store.
 */
const NOW = new Date('2026-11-20T15:00:00Z'); // Friday, 10 AM in Philadelphia
const clock = () => NOW;

const slotOf = (reply: Partial<Activity>): string | undefined =>
  (reply.channelData as { slot?: string } | undefined)?.slot;
const asks = (slot: string, text?: RegExp) => (reply: Partial<Activity>) => {
  assert.equal(slotOf(reply), slot, `asks ${slot}: ${JSON.stringify(reply.text)}`);
  if (text) assert.match(reply.text ?? '', text);
};

describe("IntakeDialog: residents' own words (transcripts)", () => {
  const intake = useIntakeSuite(clock);
  const bot = (service?: string) => intake.bot(service);

  const cases: readonly {
    name: string;
    service?: string;
    transcript: Transcript;
    after?: (stored: ServiceRequest[]) => void;
  }[] = [
    {
      name: 'free words answer the choices: "about two feet wide", "in the right lane"; "a few days ago" to "Anything to add?"',
      service: 'pothole',
      transcript: [
        [
          'pothole at 1500 Park Ave',
          asks('size', /^Let's report a street defect \(pothole\) at 1500 Park Ave\. About how big/),
        ],
        ['about two feet wide', asks('position')],
        ['in the right lane', asks('extras')],
        ['a few days ago', asks('confirm', /size: About a tire wide\nposition: In a travel lane/)],
        ['yes', 'Filed! Your tracking number is #15123456.'],
      ],
      after: ([r]) => {
        assert.deepEqual(r?.attributes, { size: 'medium', position: 'travel-lane' });
        assert.equal(r?.noticedAt?.slice(0, 10), '2026-11-17');
        assert.equal(r?.mediaUrl, undefined);
      },
    },
    {
      name: 'sizes in words and objects, positions by the curb: "huge", "like a manhole", "by the curb"',
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave', asks('size')],
        ['like a manhole', asks('position')],
        ['back', asks('size')],
        ['huge', asks('position')],
        ['by the curb', asks('extras')],
      ],
    },
    {
      name: '"no", "nope", "none", "n/a" skip an optional question; each optional step moves on',
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave', asks('size')],
        ['none', asks('position')],
        ['n/a', asks('extras')],
        ['nope', asks('confirm', /Photo: none/)],
      ],
    },
    {
      name: 'the first message fills service, address, size, position and description; a tracking number in 3 bot turns',
      service: 'pothole',
      transcript: [
        [
          'huge pothole in the right lane at 1500 Park Ave',
          asks(
            'extras',
            /^Let's report a street defect \(pothole\) at 1500 Park Ave\. Noted: larger than a tire, in a travel lane\. Anything to add\?/,
          ),
        ],
        [
          'no',
          (r) => {
            asks('confirm')(r);
            // The filled values are shown so they can be changed.
            assert.match(
              r.text!,
              /size: Larger than a tire\nposition: In a travel lane\n"huge pothole in the right lane at 1500 Park Ave"/,
            );
          },
        ],
        ['yes', /^Filed! Your tracking number is #15123456\./],
      ],
      after: ([r]) => {
        assert.equal(r?.location.address, '1500 Park Ave');
        assert.deepEqual(r?.attributes, { size: 'large', position: 'travel-lane' });
        assert.equal(r?.description, 'huge pothole in the right lane at 1500 Park Ave');
      },
    },
    {
      name: 'a filled value can be changed from the confirmation',
      service: 'pothole',
      transcript: [
        ['huge pothole in the right lane at 1500 Park Ave', asks('extras')],
        ['skip', asks('confirm')],
        ['change the size', asks('size')],
        ['small', asks('confirm', /size: Smaller than a dinner plate/)],
      ],
    },
    {
      name: 'a date in the first message is when it was noticed: not asked again',
      service: 'pothole',
      transcript: [
        ['huge pothole by the curb at 1500 Park Ave since last week', asks('extras')],
        ['no', asks('confirm', /Noticed: Fri, Nov 13/)],
        ['yep thats right, file it', /^Filed! Your tracking number is #15123456\./],
      ],
    },
    {
      name: '"the street light is out at 2400 N Front St" keeps its address and the light\'s condition',
      service: 'street-light-outage',
      transcript: [
        [
          'the street light is out at 2400 N Front St',
          asks('pole_number', /^Let's report a street light outage at 2400 N Front St\. Noted: it is out\./),
        ],
      ],
    },
    {
      name: '"graffiti at 300 Church St" keeps its address',
      service: 'graffiti',
      transcript: [['graffiti at 300 Church St', asks('surface', /at 300 Church St\./)]],
    },
    {
      name: 'a count answers a count question: "just one", "3 of them"; the count question offers no numbered choice',
      service: 'street-light-outage',
      transcript: [
        ['report a street light at 26th and oxford', asks('light_condition')],
        ['it flickers', asks('pole_number')],
        [
          'skip',
          (r) => {
            asks('lights_out', /How many lights in a row are out\? Or SKIP\./)(r);
            // On SMS a bare "1" is mapped to a numbered choice only when one is offered.
            assert.deepEqual(choicesOf(r), []);
            assert.doesNotMatch(
              renderSms(r)
                .messages.map((m) => m.body)
                .join('\n'),
              /Reply 1/,
            );
          },
        ],
        ['3 of them', asks('extras')],
        ['no', asks('confirm', /lights out: 3/)],
        ['change lights out', asks('lights_out')],
        ['just one', asks('confirm', /lights out: 1/)],
        ['change lights out', asks('lights_out')],
        ['1', asks('confirm', /lights out: 1/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => assert.deepEqual(r?.attributes, { light_condition: 'flickering', lights_out: '1' }),
    },
    {
      name: "no question is asked more than twice: the second unreadable answer is kept in the resident's words",
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave', asks('size')],
        ['purple', asks('size', /isn't one of the choices/)],
        [
          'hard to say, kind of oval',
          asks('position', /^I'll pass on your words as they are: "hard to say, kind of oval"\./),
        ],
        ['skip', asks('extras')],
        ['yes', asks('extras', /^Go ahead/)],
        ['yes', asks('confirm', /Also noted: About how big is it\? hard to say, kind of oval/)],
        ['yes', 'Filed!'],
      ],
      after: ([r]) => {
        assert.deepEqual(r?.attributes, {});
        assert.equal(
          r?.description,
          'pothole at 1500 Park Ave\nAbout how big is it? hard to say, kind of oval',
        );
      },
    },
    {
      name: 'an address not read twice is kept as the resident said it; a description too short twice is kept too',
      service: 'pothole',
      transcript: [
        ['report a pothole', asks('address')],
        ['by the rec center', asks('address')],
        [
          'the rec center on the hill',
          asks('size', /^I'll pass on your words as the location: "the rec center on the hill"\./),
        ],
        ['skip', asks('position')],
        ['skip', asks('description')],
        ['no', asks('description', /I need a few words/)],
        ['ok', asks('extras', /^OK, I'll file it with what you've told me\./)],
      ],
    },
    {
      name: '"a while ago" to "Anything to add?" is kept without asking again',
      service: 'pothole',
      transcript: [
        ['huge pothole in the right lane at 1500 Park Ave', asks('extras')],
        ['a while ago', asks('confirm', /Also noted: Noticed: a while ago/)],
      ],
    },
    {
      name: 'the confirmation is asked twice at most: an unclear answer gets a plain YES or NO, a second one files nothing',
      service: 'pothole',
      transcript: [
        ['huge pothole in the right lane at 1500 Park Ave', asks('extras')],
        ['no', asks('confirm')],
        [
          'hmm',
          (r) => {
            asks('confirm', /^Reply YES to file it or NO to cancel\./)(r);
            assert.deepEqual(choicesOf(r), ['Yes', 'No']);
          },
        ],
        ['whatever', /^I still couldn't tell whether to file it, so I haven't filed anything\..*call 311/],
      ],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'a NO to the plain confirmation cancels; a "no" to the summary asks what to change',
      service: 'pothole',
      transcript: [
        ['huge pothole in the right lane at 1500 Park Ave', asks('extras')],
        ['no', asks('confirm')],
        ['no', asks('confirm', /^What would you like to change: address, size, position/)],
        ['no', 'OK, I cancelled that report. Nothing was filed.'],
      ],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'one answer to "Anything to add?" gives when it was noticed and a name and number',
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave in the bike lane', asks('size')],
        ['hudge', asks('extras')],
        [
          'noticed it last week, Ana Ruiz 215-555-0142',
          asks(
            'confirm',
            /size: Larger than a tire\n.*Noticed: Fri, Nov 13\nContact: Ana Ruiz, 215-555-0142/s,
          ),
        ],
      ],
    },
    {
      name: 'misspelt answers are read with the choices\' words: "rite lane", "curbb", "hudge"',
      service: 'pothole',
      transcript: [
        ['pothole at 1500 Park Ave', asks('size')],
        ['hudge', asks('position')],
        ['rite lane', asks('extras')],
        ['no', asks('confirm', /size: Larger than a tire\nposition: In a travel lane/)],
        ['change the position', asks('position')],
        ['by the curbb', asks('confirm', /position: In the parking lane or by the curb/)],
      ],
    },
    {
      name: 'intersections in a sentence: "12th and Church", "5th and Spring Garden", "corner of 5th & Market"',
      service: 'stop-sign-repair',
      transcript: [
        [
          'the stop sign at 12th and Church is turned the wrong way',
          asks('extras', /at 12th St & Church St\./),
        ],
      ],
    },
    {
      name: '"not sure" to a required Yes/No with no "don\'t know": a best guess is asked for once, then nothing is filed',
      service: 'tree-problem',
      transcript: [
        [
          'tree fell down at 5th and Spring Garden',
          asks('blocking_street', /at 5th St & Spring Garden St\./),
        ],
        ['no', asks('between_sidewalk_and_curb')],
        ['not sure', asks('between_sidewalk_and_curb', /^That's OK - your best guess is fine\./)],
        [
          'dunno',
          /^I can't file this report without an answer to "Is the tree between the sidewalk and the curb\?".*Call 311/,
        ],
      ],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: '"i think so" is a yes',
      service: 'tree-problem',
      transcript: [
        ['tree fell down at corner of 5th & Market', asks('blocking_street', /at 5th St & Market St\./)],
        ['i think so', asks('between_sidewalk_and_curb')],
      ],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      await play(bot(c.service), c.transcript);
      c.after?.(await intake.requests.all());
    });
  }
});
