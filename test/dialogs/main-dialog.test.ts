import assert from 'node:assert/strict';
import { MENU_CHOICES, YES_NO } from '../../dialogs/replies.js';
import { FakeIntakeDialog } from '../helpers/fake-intake.js';
import { hit, makeArticle, scriptedSearch } from '../helpers/knowledge-fakes.js';
import { harness, play, type Turn } from './transcript.js';

const articles = [
  makeArticle('trash-collection-day', { title: 'Which day is my trash and recycling collected?' }),
  makeArticle('pothole', { kind: 'both', title: 'Report a pothole' }),
  makeArticle('street-light-outage', { kind: 'both', title: 'Report a street light outage' }),
  makeArticle('traffic-signal', { kind: 'both', title: 'Report a broken traffic signal or sign' }),
  makeArticle('contact-311', { title: 'How to reach 311' }),
];
const CLARIFY_TITLES = [
  'Report a street light outage',
  'Report a broken traffic signal or sign',
  'Report a pothole',
];

const search = () =>
  scriptedSearch({
    'what day is trash': {
      outcome: 'answer',
      hits: [hit('trash-collection-day', 0.92), hit('contact-311', 0.2)],
    },
    // The menu's "Trash day" must not depend on what the search makes of it.
    'trash day': { outcome: 'clarify', hits: [hit('pothole', 0.5), hit('street-light-outage', 0.45)] },
    'report a problem': { outcome: 'answer', hits: [hit('pothole', 0.8)] },
    pothole: { outcome: 'answer', hits: [hit('pothole', 0.85), hit('street-light-outage', 0.3)] },
    light: {
      outcome: 'clarify',
      hits: [
        hit('street-light-outage', 0.5),
        hit('traffic-signal', 0.45),
        hit('pothole', 0.2),
        hit('contact-311', 0.1),
      ],
    },
  });

const menu = {
  text: /Philadelphia 311 assistant.*911/s,
  choices: [...MENU_CHOICES],
  outcome: 'menu',
} as const;
const trashAnswer = { text: 'Answer about trash collection day.', choices: [], outcome: 'answer' } as const;
const offer = (topic: string) =>
  ({
    text: new RegExp(`^Answer about ${topic.replace(/-/g, ' ')}\\.\\n\\nWant me to report it\\?$`),
    choices: [...YES_NO],
    outcome: 'answer',
    topic,
  }) as const;
const clarify = {
  text: /Which one did you mean/,
  choices: CLARIFY_TITLES,
  outcome: 'clarify',
  topic: 'street-light-outage',
} as const;
const intakePrompt = { text: /Where is it\?/, outcome: 'service-request', topic: 'pothole' } as const;
const emergency = { text: /911/, choices: [], outcome: 'emergency', topic: null } as const;
const noMatch = {
  text: /call 311.*Room 167 of City Hall.*911/s,
  outcome: 'no-match',
  choices: [...MENU_CHOICES],
} as const;

interface Case {
  readonly name: string;
  readonly turns: readonly Turn[];
  /** What the intake must have seen by the end: how many were begun and filed. */
  readonly intake?: { readonly begun: number; readonly filed: number };
  readonly withoutIntake?: boolean;
}

const cases: Case[] = [
  { name: 'a greeting shows the menu', turns: [{ user: 'hi', bot: [menu] }] },
  {
    name: 'menu and help words show the menu',
    turns: [
      { user: 'MENU', bot: [menu] },
      { user: 'help me', bot: [menu] },
      { user: 'hola', bot: [menu] },
    ],
  },
  {
    name: 'an info question gets the answer and nothing else',
    turns: [{ user: 'what day is trash', bot: [{ ...trashAnswer, topic: 'trash-collection-day' }] }],
  },
  {
    name: 'a "both" answer offers to report; No closes politely',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'no thanks', bot: [{ text: /won't report it/, outcome: 'other' }] },
    ],
    intake: { begun: 0, filed: 0 },
  },
  {
    name: "Yes to the offer starts the intake with the service and the resident's words",
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'yes', bot: [intakePrompt] },
      // A dialog's reply without an explanation still gets one: every turn explains itself.
      { user: '1234 Spruce St', bot: [{ text: /Filed/, outcome: 'other' }] },
    ],
    intake: { begun: 1, filed: 1 },
  },
  {
    name: 'the offer accepts the number of a choice ("1" is Yes)',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: '1', bot: [intakePrompt] },
    ],
    intake: { begun: 1, filed: 0 },
  },
  {
    name: 'a new question instead of Yes/No is answered as a question',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'trash day', bot: [trashAnswer] },
    ],
    intake: { begun: 0, filed: 0 },
  },
  {
    name: 'without an intake wired, Yes points to 311',
    withoutIntake: true,
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'yes', bot: [{ text: /call 311/, outcome: 'other' }] },
    ],
  },
  {
    name: 'clarify offers 2-3 choices; "2" picks the second',
    turns: [
      { user: 'light', bot: [clarify] },
      { user: '2', bot: [offer('traffic-signal')] },
    ],
  },
  {
    name: 'clarify accepts the words of a choice',
    turns: [
      { user: 'light', bot: [clarify] },
      { user: 'street light', bot: [offer('street-light-outage')] },
    ],
  },
  {
    name: 'clarify accepts "the third one"',
    turns: [
      { user: 'light', bot: [clarify] },
      { user: 'the third one', bot: [offer('pothole')] },
    ],
  },
  {
    name: 'clarify answered with something else routes it afresh',
    turns: [
      { user: 'light', bot: [clarify] },
      { user: 'hello', bot: [menu] },
    ],
  },
  {
    name: 'no match gets a useful fallback: what the bot can do, 311 by phone and in person, 911',
    turns: [{ user: 'quantum chromodynamics', bot: [noMatch] }],
  },
  {
    name: 'the menu\'s "Report a problem" asks what and where (no intake started on a guess)',
    turns: [{ user: 'Report a problem', bot: [{ text: /What is the problem, and where/ }] }],
    intake: { begun: 0, filed: 0 },
  },
  {
    name: 'the menu\'s "Trash day" and "Contact 311" answer their topics directly',
    turns: [
      { user: 'Trash day', bot: [{ ...trashAnswer, topic: 'trash-collection-day' }] },
      {
        user: 'Contact 311',
        bot: [{ text: 'Answer about contact 311.', outcome: 'answer', topic: 'contact-311' }],
      },
    ],
  },
  {
    name: 'an emergency mid-conversation gets only the 911 reply and drops the offer',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'there is a fire next door', bot: [emergency] },
      { user: 'yes', bot: [{ outcome: 'no-match' }] },
    ],
    intake: { begun: 0, filed: 0 },
  },
  {
    name: 'an emergency during an intake cancels it: nothing is filed',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'yes', bot: [intakePrompt] },
      { user: 'I smell a gas leak on my street', bot: [emergency] },
      { user: '1234 Spruce St', bot: [{ outcome: 'no-match' }] },
    ],
    intake: { begun: 1, filed: 0 },
  },
  {
    name: '"cancel" stops an intake in progress',
    turns: [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'yes', bot: [intakePrompt] },
      { user: 'cancel', bot: [{ text: /stopped that/, choices: [...MENU_CHOICES] }] },
      { user: '1234 Spruce St', bot: [{ outcome: 'no-match' }] },
    ],
    intake: { begun: 1, filed: 0 },
  },
  {
    name: '"menu" during "did you mean" shows the menu',
    turns: [
      { user: 'light', bot: [clarify] },
      { user: 'menu', bot: [menu] },
      { user: '2', bot: [{ outcome: 'no-match' }] },
    ],
  },
  {
    name: 'a resident joining the conversation is welcomed with the menu',
    turns: [
      {
        user: {
          type: 'conversationUpdate',
          membersAdded: [
            { id: 'user', name: 'User' },
            { id: 'bot', name: 'Bot' },
          ],
        },
        bot: [menu],
      },
    ],
  },
];

describe('MainDialog transcripts', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const intake = new FakeIntakeDialog();
      const { adapter } = await harness({
        search: search(),
        articles,
        intake: c.withoutIntake ? undefined : intake,
      });
      await play(adapter, c.turns);
      if (c.intake) {
        assert.equal(intake.begun.length, c.intake.begun, 'intakes begun');
        assert.equal(intake.filed.length, c.intake.filed, 'requests filed');
      }
    });
  }

  it("hands the intake the service code and the resident's words", async () => {
    const intake = new FakeIntakeDialog();
    const { adapter } = await harness({ search: search(), articles, intake });
    await play(adapter, [
      { user: 'pothole', bot: [offer('pothole')] },
      { user: 'yes', bot: [intakePrompt] },
    ]);
    assert.deepEqual(intake.begun, [{ service: 'pothole', text: 'pothole' }]);
  });

  it('answers a conversation whose saved state is from before the main dialog was flattened', async () => {
    // Until session 3 the main dialog was a ComponentDialog: its saved state nests a waterfall.
    const { adapter, storage } = await harness({ search: search(), articles });
    const key = `${adapter.conversation.channelId}/conversations/${adapter.conversation.conversation.id}/`;
    const waterfall = { id: 'main.route', state: { options: {}, values: { instanceId: 'x' }, stepIndex: 0 } };
    await storage.write({
      [key]: {
        dialogState: { dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [waterfall] } } }] },
      },
    });
    await play(adapter, [
      { user: 'what day is trash', bot: [trashAnswer] },
      { user: 'what day is trash', bot: [trashAnswer] },
    ]);
  });

  it('answers a conversation whose saved dialog state has no stack', async () => {
    const { adapter, storage } = await harness({ search: search(), articles });
    const key = `${adapter.conversation.channelId}/conversations/${adapter.conversation.conversation.id}/`;
    await storage.write({ [key]: { dialogState: { note: 'written by hand' } } });
    await play(adapter, [{ user: 'what day is trash', bot: [trashAnswer] }]);
  });

  it('"cancel" with nothing in progress shows the menu, and leaves nothing in progress', async () => {
    const { adapter, storage } = await harness({ search: search(), articles });
    await play(adapter, [{ user: 'cancel', bot: [menu] }]);
    assert.equal(storage.size, 0, 'no conversation state kept');
  });
});
