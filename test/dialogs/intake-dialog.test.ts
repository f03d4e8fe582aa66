import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { MemoryStorage } from 'botbuilder';
import type { ServiceRequest } from '../../requests/types.js';
import { choicesOf, explainOf, photo, play, type Transcript, USER } from './intake-harness.js';
import { useIntakeSuite } from './intake-requests.js';

const NOW = new Date('2026-11-20T15:00:00Z'); // Friday, 10 AM in Philadelphia
const clock = () => NOW;

describe('IntakeDialog (transcripts)', () => {
  const intake = useIntakeSuite(clock);
  const bot = (service?: string) => intake.bot(service);

  const cases: readonly {
    name: string;
    service?: string;
    transcript: Transcript;
    after?: (stored: ServiceRequest[]) => void;
  }[] = [
    {
      name: 'happy path: pothole with a photo is filed with a tracking number and a date; the first message gives size and description; one answer gives photo, date and contact',
      service: 'pothole',
      transcript: [
        [
          'there is a huge pothole in front of 1234 spruce street',
          (r) => {
            assert.match(
              r.text!,
              /^Let's report a street defect \(pothole\) at 1234 Spruce St\. Noted: larger than a tire\. Where in the street is it\?/,
            );
            assert.match(r.text!, /Where in the street is it\?/);
            assert.deepEqual(choicesOf(r), [
              'In a travel lane',
              'In the parking lane or by the curb',
              'In a crosswalk',
              'In a bike lane',
              'Skip',
            ]);
          },
        ],
        ['in a travel lane', /^Anything to add\? Send a photo, say when you first noticed it/],
        [
          photo('https://media.example.org/p1.jpg', 'since last Tuesday, Jane Doe 215-555-0100'),
          (r) => {
            assert.match(r.text!, /^Thanks - I added the photo, noticed Tue, Nov 17, your contact details\./);
            assert.match(r.text!, /Please check: Street Defect \(Pothole\) at 1234 Spruce St\./);
            assert.match(r.text!, /size: Larger than a tire/);
            assert.match(r.text!, /Photo: yes/);
            assert.match(r.text!, /Noticed: Tue, Nov 17/);
            assert.match(r.text!, /Contact: Jane Doe, 215-555-0100/);
            assert.deepEqual(choicesOf(r), ['Yes', 'Change address', 'Change description', 'Cancel']);
          },
        ],
        ['yes', 'Filed! Your tracking number is #15123456. Expect service by Wed, Nov 25.'],
      ],
      after: (stored) => {
        const [r] = stored;
        assert.equal(stored.length, 1);
        assert.equal(r?.serviceCode, 'pothole');
        assert.deepEqual(r?.location, { address: '1234 Spruce St' });
        assert.deepEqual(r?.attributes, { size: 'large', position: 'travel-lane' });
        assert.equal(r?.mediaUrl, 'https://media.example.org/p1.jpg');
        assert.equal(r?.description, 'there is a huge pothole in front of 1234 spruce street');
        assert.equal(r?.noticedAt?.slice(0, 10), '2026-11-17');
        assert.deepEqual(r?.contact, { name: 'Jane Doe', phone: '215-555-0100' });
        assert.deepEqual(r?.requester, {
          channel: USER.channelId,
          userId: USER.userId,
          conversationId: USER.conversationId,
        });
      },
    },
    {
      name: 'edit via the summary: "change the address" goes back to the address, then to the summary',
      service: 'pothole',
      transcript: [
        ['pothole at 1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Anything to add?'],
        ['no', 'Please check: Street Defect (Pothole) at 1234 Spruce St.'],
        ['change the address', /^Where is it\?/],
        [
          '26th and oxford',
          /^Got it: 26th St & Oxford St\.\nPlease check: Street Defect \(Pothole\) at 26th St & Oxford St\./,
        ],
        ['change description', 'Describe the problem'],
        ['big hole near the curb', /Please check: .*\n.*"big hole near the curb"/],
        ['yes', 'Filed! Your tracking number is #15123456.'],
      ],
      after: (stored) => {
        assert.equal(stored[0]?.location.address, '26th St & Oxford St');
        assert.equal(stored[0]?.description, 'big hole near the curb');
        assert.deepEqual(stored[0]?.attributes, {});
      },
    },
    {
      name: 'cancel: nothing is filed and the resident is told so',
      service: 'pothole',
      transcript: [
        ['pothole at 1234 Spruce St', 'About how big'],
        ['2', 'Where in the street'],
        ['cancel', 'OK, I cancelled that report. Nothing was filed.'],
      ],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'back: returns to the previous question and keeps going',
      service: 'pothole',
      transcript: [
        ['pothole at 1234 Spruce St', 'About how big'],
        ['1', 'Where in the street'],
        ['back', /^About how big is it\?/],
        ['2', 'Where in the street'],
        ['back', 'About how big'],
        ['back', /^Where is it\?/],
        ['back', /^This is the first question\. Where is it\?/],
        // Answers already given are kept: the next question still unanswered comes next.
        ['500 Market St', /^Got it: 500 Market St\. Where in the street/],
      ],
    },
    {
      name: 'help: says what the step needs and asks again',
      service: 'pothole',
      transcript: [
        ['report a pothole', /^Let's report a street defect \(pothole\)\. Where is it\?/],
        ['help', /^I need where the problem is: .* Where is it\?/],
      ],
    },
    {
      name: 'a vague place is asked again once; an address then is read',
      service: 'pothole',
      transcript: [
        ['report a pothole', 'Where is it?'],
        ['near my house', /^A crew needs an exact spot to find it\. Where is it\?/],
        ['1234 spruce', /^Got it: 1234 Spruce St\. About how big/],
      ],
    },
    {
      name: "a place not read twice is kept in the resident's words, and the intake moves on",
      service: 'pothole',
      transcript: [
        ['report a pothole', 'Where is it?'],
        ['blah', /^I couldn't read an address in that\. Where is it\?/],
        [
          'down the street from the school',
          /^I'll pass on your words as the location: "down the street from the school"\. About how big/,
        ],
      ],
    },
    {
      name: 'gas smell is routed to 911 and not filed',
      transcript: [['I smell gas outside 1234 Spruce St', /call 911 now.*I haven't filed a report\./s]],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'a pothole on the interstate goes to the state, not filed',
      service: 'pothole',
      transcript: [['huge pothole on I-95 northbound', /PennDOT.*I haven't filed a report\./s]],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'a routing rule met later (in the description) also stops the intake',
      service: 'pothole',
      transcript: [
        ['report a pothole', 'Where is it?'],
        ['1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Describe the problem'],
        ['water is gushing out of the street next to it', /Water Department.*I haven't filed a report\./s],
      ],
      after: (stored) => assert.equal(stored.length, 0),
    },
    {
      name: 'a value not in the list is asked again with the choices; several values are kept',
      service: 'illegal-dumping',
      transcript: [
        ['someone dumped stuff at 26th and oxford', 'What was dumped?'],
        [
          'purple',
          (r) => {
            assert.match(
              r.text!,
              /^"purple" isn't one of the choices: 1\. Household trash, 2\. Construction debris, 3\. Tires/,
            );
            assert.ok(choicesOf(r).includes('Tires'));
          },
        ],
        ['1, 3', 'About how much is there?'],
      ],
    },
    {
      name: 'a bare "yes" to "Anything to add?" is asked once to go ahead; words that are no date or contact are filed with the description',
      service: 'pothole',
      transcript: [
        ['pothole at 1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Anything to add?'],
        ['yes', /^Go ahead: send the photo, the date or your contact details\. Anything to add\?/],
        [
          'it is deep and my tire popped',
          /^Thanks - I added your words\.\nPlease check:.*\nAlso noted: it is deep and my tire popped/s,
        ],
        ['yes', 'Filed!'],
      ],
      after: (stored) =>
        assert.equal(stored[0]?.description, 'pothole at 1234 Spruce St\nit is deep and my tire popped'),
    },
    {
      name: 'when it was noticed, said to "Anything to add?", is read as a date; a future one is not',
      service: 'pothole',
      transcript: [
        ['pothole at 1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Anything to add?'],
        ['a few days ago', /^Thanks - I added noticed Tue, Nov 17\.\nPlease check:.*Noticed: Tue, Nov 17/s],
      ],
    },
    {
      name: 'a 10,000-character description is refused with a clear message and asked again',
      service: 'pothole',
      transcript: [
        ['report a pothole', 'Where is it?'],
        ['1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Describe the problem'],
        [
          'x'.repeat(10_000),
          /^That's 10,000 characters - too long to file\. Please keep the description under 1,000 characters.*Describe the problem/,
        ],
        ['a short one', 'Anything to add?'],
      ],
    },
    {
      name: '"skip" or "idk" is not taken as the description: the crew needs a few words',
      service: 'pothole',
      transcript: [
        ['report a pothole', 'Where is it?'],
        ['1234 Spruce St', 'About how big'],
        ['skip', 'Where in the street'],
        ['skip', 'Describe the problem'],
        [
          'skip',
          /^I need a few words about the problem so the crew knows what to look for\..*Describe the problem/s,
        ],
        ['deep hole in the bike lane', 'Anything to add?'],
        ['no', /"deep hole in the bike lane"/],
        ['yes', 'Filed!'],
      ],
      after: (stored) => assert.equal(stored[0]?.description, 'deep hole in the bike lane'),
    },
    {
      name: 'a report without a service asks what it is first',
      transcript: [
        ['I want to report something', /^What would you like to report\?/],
        ['graffiti at 1500 market st', /^OK, a graffiti removal report\. Got it: 1500 Market St\./i],
      ],
    },
    {
      name: 'a photo sent with the first message is kept and its question skipped; "change size" edits an attribute',
      service: 'pothole',
      transcript: [
        [photo('https://media.example.org/first.jpg', 'pothole at 1234 Spruce St'), 'About how big'],
        ['1', 'Where in the street'],
        ['skip', 'Anything to add?'],
        ['jane@', /^That email address doesn't look complete\. Anything to add\?/],
        ['jane@example.org', /size: Smaller than a dinner plate\n"pothole at 1234 Spruce St"\nPhoto: yes/],
        ['change the size', /^About how big is it\?/],
        ['large', /size: Larger than a tire/],
        ['yes', 'Filed!'],
      ],
      after: (stored) => {
        assert.equal(stored[0]?.mediaUrl, 'https://media.example.org/first.jpg');
        assert.deepEqual(stored[0]?.contact, { email: 'jane@example.org' });
        assert.deepEqual(stored[0]?.attributes, { size: 'large' });
      },
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      await play(bot(c.service), c.transcript);
      c.after?.(await intake.requests.all());
    });
  }

  it('an open report at the same place is offered; "add me" makes the resident a follower and files nothing', async () => {
    const requests = await intake.restart(['15000001', '15123456']);
    await requests.seed('pothole', '1234 Spruce St', {
      channel: 'web',
      userId: 'neighbour',
      conversationId: 'c2',
    });
    await play(bot('pothole'), [
      [
        'pothole at 1234 spruce street',
        (r) => {
          assert.match(
            r.text!,
            /There's already an open report here \(#15000001, received Nov 20\)\. I'll add you to it so you hear when it's fixed\. Or reply NEW if this is a different problem\./,
          );
          assert.deepEqual(choicesOf(r), ['Add me', 'New']);
        },
      ],
      ['add me', /^Done - you're following #15000001\. .*Expect service by Wed, Nov 25\./],
    ]);
    const stored = await requests.all();
    assert.equal(stored.length, 1);
    assert.deepEqual(stored[0]?.followers, [
      { channel: USER.channelId, userId: USER.userId, conversationId: USER.conversationId },
    ]);
  });

  it('NEW after a duplicate offer goes on with a new report', async () => {
    const requests = await intake.restart(['15000001', '15123456']);
    await requests.seed('pothole', '1234 Spruce St', { channel: 'web', userId: 'n' });
    await play(bot('pothole'), [
      ['pothole at 1234 Spruce St', "There's already an open report here"],
      ['NEW', /^OK, a new report\. About how big/],
    ]);
    assert.equal((await requests.all())[0]?.followers.length, 0);
  });

  it('a store failure gives no tracking number and lets the resident try again', async () => {
    const transcript: Transcript = [
      ['pothole at 1234 Spruce St', 'About how big'],
      ['skip', 'Where in the street'],
      ['skip', 'Anything to add?'],
      ['no', 'Please check'],
    ];
    const adapter = bot('pothole');
    await play(adapter, transcript);
    // The disk goes away under the store: the write fails, nothing is stored, no number is given.
    await rm(intake.requests.dir, { recursive: true, force: true });
    await play(adapter, [
      [
        'yes',
        (r) => {
          assert.match(r.text!, /couldn't file that just now, and nothing was saved/);
          assert.doesNotMatch(r.text!, /#\d{8}/);
        },
      ],
    ]);
    assert.equal((await intake.requests.all()).length, 0);
    await mkdir(intake.requests.dir, { recursive: true });
    await play(adapter, [['yes', /^Filed! Your tracking number is #\d{8}\./]]);
    assert.equal((await intake.requests.all()).length, 1);
  });

  it('a conversation rolled back to the summary by a crash cannot file the report twice', async () => {
    const memory: Record<string, string> = {};
    const adapter = intake.bot('pothole', new MemoryStorage(memory));
    await play(adapter, [
      ['pothole at 1234 Spruce St', 'About how big'],
      ['skip', 'Where in the street'],
      ['skip', 'Anything to add?'],
      ['no', 'Please check'],
    ]);
    const atSummary = structuredClone(memory);
    let filed = '';
    await play(adapter, [
      [
        'yes',
        (r) => {
          filed = /tracking number is #(\d{8})/.exec(r.text ?? '')?.[1] ?? '';
        },
      ],
    ]);
    assert.ok(filed);
    // The process died after "Filed!" but before the conversation's state was saved.
    for (const key of Object.keys(memory)) delete memory[key];
    Object.assign(memory, atSummary);
    await play(adapter, [['yes', new RegExp(`^Filed! Your tracking number is #${filed}\\.`)]]);
    assert.equal((await intake.requests.all()).length, 1);
    // A new report of the same thing is a new report.
    await play(adapter, [['pothole at 1234 Spruce St', /open report|About how big/]]);
  });

  it('a location shared by the channel (GeoCoordinates entity) is used', async () => {
    await play(bot('pothole'), [
      ['report a pothole', 'Where is it?'],
      [
        {
          type: 'message',
          text: '',
          entities: [{ type: 'GeoCoordinates', latitude: 39.9526, longitude: -75.1652 }],
        },
        /^Got it: your location \(39\.95260, -75\.16520\)\. About how big/,
      ],
    ]);
  });

  it('replies carry the service-request explanation with the service topic', async () => {
    await play(bot('pothole'), [
      ['pothole at 1234 Spruce St', 'About how big'],
      [
        '2',
        (r) =>
          assert.deepEqual(explainOf(r), {
            outcome: 'service-request',
            topic: 'pothole',
            score: 1,
            alternatives: [],
          }),
      ],
    ]);
  });
});
