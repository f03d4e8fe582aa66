import assert from 'node:assert/strict';
import type { TrackingNumber } from '../../requests/types.js';
import { createLiaisonStack, type LiaisonStack } from '../requests/liaison-fixture.js';
import { type Identity, liaisonBot, NOT_LIAISON, playAs, type Step } from './liaison-harness.js';

/**
 * Transcripts of what liaisons do from a channel: the real liaison dialog, the
 * real intake dialog (meeting mode), the real RequestService and liaison
 * service over lowdb files in a temporary directory.
 */
const dana: Identity = { channelId: 'sms', userId: '+12155550111' };
const danaSlack: Identity = { channelId: 'slack', userId: 'U0DANA' };
const sam: Identity = { channelId: 'x', userId: '998877' };
const resident: Identity = { channelId: 'sms', userId: '+12155550999' };

const kensington = {
  name: 'Dana Reyes',
  neighborhood: 'Kensington',
  organisation: 'Kensington Civic Association',
};
const fishtown = { name: 'Sam Ortiz', neighborhood: 'Fishtown', organisation: 'Fishtown Neighbors' };

/** Three problems, each through the whole intake. */
const POTHOLE: readonly Step[] = [
  [
    'pothole at 1234 Spruce St',
    /^Let's report a street defect \(pothole\) at 1234 Spruce St\. About how big/,
  ],
  ['3', 'Where in the street'],
  ['1', 'Anything to add?'],
  ['yesterday', 'Please check: Street Defect (Pothole) at 1234 Spruce St.'],
];
const DEAD_DOG: readonly Step[] = [
  [
    'dead dog at 5th and Market',
    'dead animal in street at 5th St & Market St. Noted: dog. Is it on the street',
  ],
  ['street', 'Anything to add?'],
  ['by the bus stop', 'Please check: Dead Animal in Street at 5th St & Market St.'],
];
const STREET_LIGHT: readonly Step[] = [
  [
    'street light out at 26th and Oxford',
    'street light outage at 26th St & Oxford St. Noted: it is out. If you can see a number on the pole',
  ],
  ['skip', 'How many lights'],
  ['skip', 'Anything to add?'],
  ['dark corner', 'Please check: Street Light Outage at 26th St & Oxford St.'],
];

describe('liaison dialogs (transcripts, real intake and services)', () => {
  let stack: LiaisonStack;
  let bot: ReturnType<typeof liaisonBot>;

  beforeEach(async () => {
    stack = await createLiaisonStack('2026-11-20T15:00:00.000Z');
    bot = liaisonBot({
      liaisons: stack.liaisons,
      intake: { catalog: stack.catalog, requests: stack.requests, clock: stack.now },
    });
  });
  afterEach(async () => {
    await stack.close();
  });

  async function link(who: Identity, input = kensington) {
    const issued = await stack.liaisons.createAccount(input);
    await playAs(bot, who, [[`LIAISON ${issued.linkCode}`, /^Linked!/]]);
    return issued.account;
  }

  async function fileFor(accountId: string | undefined, address: string, neighborhood = 'Kensington') {
    return stack.requests.file({
      serviceCode: 'pothole',
      location: { address },
      description: 'hole',
      attributes: {},
      requester: { channel: 'sms', userId: '+12155550111' },
      ...(accountId ? { accountId, neighborhood } : {}),
    });
  }

  describe('linking', () => {
    it('links the phone that sends the code; the code then works for no one else', async () => {
      const issued = await stack.liaisons.createAccount(kensington);
      await playAs(bot, resident, [
        ['my requests', NOT_LIAISON],
        ['liaison program', NOT_LIAISON],
      ]);
      await playAs(bot, dana, [
        [
          `liaison ${issued.linkCode.toLowerCase()}`,
          'Linked! This phone now acts for the liaison account of Dana Reyes (Kensington, Kensington Civic Association).',
        ],
        [`LIAISON ${issued.linkCode}`, 'This phone is already linked to your liaison account.'],
      ]);
      await playAs(bot, danaSlack, [[`LIAISON ${issued.linkCode}`, "That code didn't work."]]);
      assert.equal(await stack.liaisons.accountFor({ channel: 'slack', userId: 'U0DANA' }), undefined);
      const second = await stack.liaisons.issueCode(issued.account.id);
      await playAs(bot, danaSlack, [[`LIAISON ${second.linkCode}`, 'Linked! This Slack account now acts']]);
    });

    it('gives nothing to guessed codes, and after 5 wrong ones not even the right code', async () => {
      const issued = await stack.liaisons.createAccount(kensington);
      const guesses: Step[] = [
        'AB2CDEFGHJKM',
        'AB3CDEFGHJKM',
        'AB4CDEFGHJKM',
        'AB5CDEFGHJKM',
        'AB6CDEFGHJKM',
      ].map((g) => [`LIAISON ${g}`, "That code didn't work."] as const);
      await playAs(bot, resident, [...guesses, [`LIAISON ${issued.linkCode}`, 'Too many wrong codes']]);
      await playAs(bot, resident, [['my requests', NOT_LIAISON]]);
    });

    it('refuses to move an identity that acts for another account', async () => {
      await link(sam, fishtown);
      const issued = await stack.liaisons.createAccount(kensington);
      await playAs(bot, sam, [[`LIAISON ${issued.linkCode}`, 'already linked to another liaison account']]);
    });
  });

  describe('meeting mode', () => {
    it('files three problems in a row through the intake and ends with one summary of every number', async () => {
      const account = await link(dana);
      await playAs(bot, dana, [
        ['meeting', /^Meeting mode for Kensington: tell me each problem/],
        ...POTHOLE,
        ['yes', 'Filed! Your tracking number is #20000000.', "1 problem entered. What's the next problem?"],
        ...DEAD_DOG,
        ['yes', 'Filed! Your tracking number is #20000001.', '2 problems entered.'],
        ...STREET_LIGHT,
        ['yes', 'Filed! Your tracking number is #20000002.', '3 problems entered.'],
        [
          'done',
          'Meeting summary for Kensington: 3 requests.\n' +
            '#20000000 Street Defect (Pothole) at 1234 Spruce St\n' +
            '#20000001 Dead Animal in Street at 5th St & Market St\n' +
            '#20000002 Street Light Outage at 26th St & Oxford St\n' +
            'Text MY REQUESTS any time to check on them.',
        ],
        ['done', NOT_LIAISON],
      ]);
      const stored = await stack.requests.find({ accountId: account.id });
      assert.deepEqual(
        stored.map((r) => [r.id, r.serviceCode, r.neighborhood, r.requester.userId]),
        [
          ['20000002', 'street-light-outage', 'Kensington', dana.userId],
          ['20000001', 'dead-animal', 'Kensington', dana.userId],
          ['20000000', 'pothole', 'Kensington', dana.userId],
        ],
      );
    });

    it('DONE in the middle of a problem ends the meeting; that problem is not filed', async () => {
      await link(dana);
      await playAs(bot, dana, [
        ['meeting', 'Meeting mode'],
        ...POTHOLE,
        ['yes', 'Filed!', '1 problem entered.'],
        ['graffiti on 200 Girard Ave', 'graffiti'],
        [
          'done',
          /^The problem you were entering was not filed\. Meeting summary for Kensington: 1 request\.\n#20000000/,
        ],
      ]);
      assert.equal((await stack.requests.find({})).length, 1);
    });

    it('a meeting with nothing filed says so; a cancelled problem does not count', async () => {
      await link(dana);
      await playAs(bot, dana, [
        ['meeting', 'Meeting mode'],
        ['pothole at 1234 Spruce St', 'About how big'],
        ['cancel', 'Nothing was filed', '0 problems entered.'],
        ['help', 'Meeting mode: tell me the next problem'],
        ['done', 'Meeting ended. Nothing was filed.'],
      ]);
    });

    it('stops taking problems once the account is revoked', async () => {
      const account = await link(dana);
      await playAs(bot, dana, [['meeting', 'Meeting mode']]);
      await stack.liaisons.revoke(account.id);
      await playAs(bot, dana, [['pothole at 1234 Spruce St', 'This liaison account is no longer active.']]);
      assert.deepEqual(await stack.requests.find({}), []);
    });
  });

  describe('my requests', () => {
    it('pages the account requests on SMS, newest first, with delayed ones marked, never another account', async () => {
      const account = await link(dana);
      const other = await link(sam, fishtown);
      stack.at('2026-11-16T15:00:00.000Z'); // Monday: expected Thursday Nov 19
      const old = await fileFor(account.id, '1 Spruce St');
      stack.at('2026-11-20T15:00:00.000Z');
      for (let i = 2; i <= 7; i++) await fileFor(account.id, `${i} Spruce St`);
      await fileFor(other.id, '9 Girard Ave', 'Fishtown');
      await fileFor(undefined, '10 Spruce St');
      await playAs(bot, dana, [
        [
          'my requests',
          /^Kensington liaison requests \(7\), page 1 of 2, newest first:\n#\d{8} Street Defect \(Pothole\) at 7 Spruce St: Received\n(.*\n){4}Reply MORE for the next page\.$/,
        ],
        [
          'more',
          `Kensington liaison requests (7), page 2 of 2, newest first:\n#20000001 Street Defect (Pothole) at 2 Spruce St: Received\n#${old.id} Street Defect (Pothole) at 1 Spruce St: Received - DELAYED (expected Nov 19)`,
        ],
        ['more', NOT_LIAISON],
      ]);
      const replies = await bot.say(dana, 'my requests');
      assert.ok(!/Girard|10 Spruce/.test(replies[0]!.text ?? ''), 'only this account');
    });

    it('shows ten per page on Slack, and any linked identity sees requests the others filed', async () => {
      const account = await link(dana);
      const code = await stack.liaisons.issueCode(account.id);
      await playAs(bot, danaSlack, [[`LIAISON ${code.linkCode}`, 'Linked!']]);
      for (let i = 1; i <= 7; i++) await fileFor(account.id, `${i} Spruce St`);
      const replies = await bot.say(danaSlack, 'show my requests');
      assert.equal(replies.length, 1);
      assert.match(replies[0]!.text!, /^Kensington liaison requests \(7\), newest first:/);
      assert.equal(replies[0]!.text!.split('\n').length, 8);
    });

    it('stops at once for a revoked identity: it is a resident again', async () => {
      const account = await link(dana);
      await fileFor(account.id, '1 Spruce St');
      await stack.liaisons.revokeIdentity(account.id, { channel: dana.channelId, userId: dana.userId });
      await playAs(bot, dana, [
        ['my requests', NOT_LIAISON],
        ['meeting', NOT_LIAISON],
        ['summary', NOT_LIAISON],
      ]);
    });
  });

  describe('follow-up notes and summary', () => {
    it('records a note on the account request, refuses another account, and explains the form', async () => {
      const account = await link(dana);
      const other = await link(sam, fishtown);
      const mine = await fileFor(account.id, '1 Spruce St');
      const theirs = await fileFor(other.id, '9 Girard Ave', 'Fishtown');
      await playAs(bot, dana, [
        [`follow up ${mine.id} neighbors say it is deeper now`, `Noted on request #${mine.id}`],
        [`follow up #${theirs.id} hello`, `#${theirs.id} is not one of your account's requests`],
        ['follow up 29999999 hello', "#29999999 is not one of your account's requests"],
        [`follow up ${mine.id}`, 'To add a note, send FOLLOW UP'],
      ]);
      await playAs(bot, resident, [[`follow up ${mine.id} hi`, 'Follow-up notes are for linked']]);
      const stored = await stack.requests.get(mine.id as TrackingNumber);
      assert.deepEqual(
        stored?.history.map((h) => [h.status, h.by, h.note]),
        [
          ['received', 'system', undefined],
          ['received', `liaison:${account.id}`, 'neighbors say it is deeper now'],
        ],
      );
      assert.equal((await stack.requests.get(theirs.id))?.history.length, 1);
    });

    it('gives the neighborhood summary to a linked identity', async () => {
      const account = await link(dana);
      stack.at('2026-11-16T15:00:00.000Z');
      await fileFor(account.id, '1 Spruce St');
      const fixed = await fileFor(account.id, '2 Spruce St');
      await stack.requests.changeStatus(fixed.id, { status: 'closed-fixed', by: 'staff' });
      stack.at('2026-11-20T15:00:00.000Z');
      await playAs(bot, dana, [
        ['summary', 'Kensington: 1 open (1 delayed), 1 closed. Open: Street Defect (Pothole) 1 (1 delayed).'],
      ]);
    });
  });
});
