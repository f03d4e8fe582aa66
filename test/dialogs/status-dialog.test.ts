import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { MY_REQUESTS_DIALOG, MyRequestsDialog } from '../../dialogs/my-requests-dialog.js';
import { STATUS_DIALOG, StatusDialog } from '../../dialogs/status-dialog.js';
import { asksForMyRequests, asksForStatus, findTrackingNumber } from '../../dialogs/tracking-number.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import type { Requester, TrackingNumber } from '../../requests/types.js';
import { createDialogBot, explainOf, play, USER } from './intake-harness.js';
import { type RealRequests, realRequests } from './intake-requests.js';

const FILED = new Date('2026-11-16T15:00:00Z'); // Monday
const me: Requester = { channel: USER.channelId, userId: USER.userId, conversationId: USER.conversationId };

describe('tracking numbers in free text', () => {
  const cases: readonly [string, string | undefined][] = [
    ['status 12345678', '12345678'],
    ['what about 15123456?', '15123456'],
    ['#15123456', '15123456'],
    ['call me at 2155550100', undefined],
    ['215-555-0100', undefined],
    ['1234567', undefined],
    ['123456789', undefined],
    ['01234567', undefined],
    ['1234 Spruce St', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected ?? 'none'}`, () =>
      assert.equal(findTrackingNumber(text), expected));
  }
  it('tells a status question and "my requests" apart from other messages', () => {
    assert.ok(asksForStatus('what is the status of my request?'));
    assert.ok(asksForStatus('Check a request'));
    assert.ok(!asksForStatus('how do I check the status of a request'));
    assert.ok(!asksForStatus('pothole at 1234 Spruce St'));
    assert.ok(asksForMyRequests('my requests'));
    assert.ok(asksForMyRequests('what have I reported?'));
    assert.ok(!asksForMyRequests('how do I report a pothole'));
  });
});

describe('StatusDialog and MyRequestsDialog (transcripts)', () => {
  let catalog: ServiceCatalog;
  let requests: RealRequests | undefined;
  let now: Date;
  const clock = () => now;

  before(async () => {
    catalog = await loadCatalog();
  });
  afterEach(async () => {
    await requests?.close();
    requests = undefined;
  });

  /** Files a pothole report on Monday (3 business days: expected Thu Nov 19), then moves the clock to `at`. */
  async function seed(at: string): Promise<RealRequests> {
    now = FILED;
    requests = await realRequests(catalog, clock, ['15123456', '15123457', '15123458']);
    await requests.seed('pothole', '1234 Spruce St', me);
    now = new Date(at);
    return requests;
  }

  function bot(user = USER) {
    const deps = { catalog, requests: requests!.service, clock };
    const start = (context: TurnContext) =>
      asksForMyRequests(context.activity.text)
        ? { id: MY_REQUESTS_DIALOG }
        : { id: STATUS_DIALOG, options: { text: context.activity.text ?? '' } };
    return createDialogBot([new StatusDialog(deps), new MyRequestsDialog(deps)], start, user);
  }

  it('a tracking number gets its status and expected date', async () => {
    await seed('2026-11-17T15:00:00Z');
    await play(bot(), [
      [
        'status 15123456',
        (r) => {
          assert.equal(
            r.text,
            '#15123456 Street Defect (Pothole) at 1234 Spruce St: Received. Expected by Thu, Nov 19.',
          );
          assert.equal(explainOf(r)?.outcome, 'status');
        },
      ],
    ]);
  });

  it('an open request past its expected date is marked delayed (injected clock)', async () => {
    await seed('2026-11-23T15:00:00Z');
    await play(bot(), [['what about 15123456?', /: Received\. DELAYED - it was expected by Thu, Nov 19\./]]);
  });

  it('shows the notes and a closed request without a delay', async () => {
    const stored = await seed('2026-11-18T20:00:00Z');
    await stored.service.changeStatus('15123456' as TrackingNumber, {
      status: 'closed-fixed',
      note: 'Patched by the crew.',
      by: 'staff',
    });
    now = new Date('2026-11-23T15:00:00Z');
    await play(bot(), [
      [
        'status 15123456',
        '#15123456 Street Defect (Pothole) at 1234 Spruce St: Fixed (Nov 18). Note: Patched by the crew.',
      ],
    ]);
  });

  it('an unknown number gets a clear answer, not a crash', async () => {
    await seed('2026-11-17T15:00:00Z');
    await play(bot(), [
      ['status 99999999', "I couldn't find request #99999999 - check the number and try again."],
    ]);
  });

  it('"status" alone asks for the number, and asks again for a wrong one', async () => {
    await seed('2026-11-17T15:00:00Z');
    await play(bot(), [
      ['status of my report', "What's the tracking number?"],
      ['I forgot', "That doesn't look like a tracking number"],
      ['15123456', /^#15123456 .*: Received\./],
    ]);
  });

  it('"my requests" lists this sender\'s requests newest first, delayed marked', async () => {
    const stored = await seed('2026-11-18T15:00:00Z');
    await stored.seed('graffiti', '26th St & Oxford St', me, {
      surface: 'fence',
      owner_consent: 'public-property',
    });
    await stored.seed('pothole', '1 Main St', { channel: 'sms', userId: '+12155559999' });
    now = new Date('2026-11-20T15:00:00Z');
    await play(bot(), [
      [
        'my requests',
        (r) => {
          const lines = r.text!.split('\n');
          assert.equal(lines[0], 'Your requests (2), newest first:');
          assert.match(
            lines[1]!,
            /^#15123457 Graffiti Removal at 26th St & Oxford St: Received\. Expected by Wed, Nov 25\./,
          );
          assert.match(
            lines[2]!,
            /^#15123456 Street Defect \(Pothole\) at 1234 Spruce St: Received\. DELAYED/,
          );
          assert.equal(lines.length, 3);
        },
      ],
    ]);
  });

  it('"my requests" from someone with none says how to report', async () => {
    await seed('2026-11-18T15:00:00Z');
    await play(bot({ channelId: 'slack', userId: 'U123', conversationId: 'D123' }), [
      ['my requests', /^I don't have any requests from you here yet\./],
    ]);
  });
});
