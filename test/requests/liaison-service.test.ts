import assert from 'node:assert/strict';
import { isLiaisonError } from '../../requests/liaison-error.js';
import { IMPORT_CHANNEL } from '../../requests/liaison-import.js';
import type { TrackingNumber } from '../../requests/types.js';
import { createLiaisonStack, type LiaisonStack } from './liaison-fixture.js';

const dana = { channel: 'sms', userId: '+12155550111' };
const danaSlack = { channel: 'slack', userId: 'U0DANA' };
const sam = { channel: 'x', userId: '998877' };
const stranger = { channel: 'sms', userId: '+12155550999' };

const kensington = {
  name: 'Dana Reyes',
  neighborhood: 'Kensington',
  organisation: 'Kensington Civic Association',
};
const fishtown = { name: 'Sam Ortiz', neighborhood: 'Fishtown', organisation: 'Fishtown Neighbors' };

describe('LiaisonService', () => {
  let stack: LiaisonStack;

  beforeEach(async () => {
    stack = await createLiaisonStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  async function linkedAccount(input = kensington, identity = dana) {
    const issued = await stack.liaisons.createAccount(input);
    const linked = await stack.liaisons.link(identity, issued.linkCode);
    assert.equal(linked.outcome, 'linked');
    return issued.account;
  }

  function pothole(accountId: string | undefined, neighborhood?: string, address = '1234 Spruce St') {
    return stack.requests.file({
      serviceCode: 'pothole',
      location: { address },
      description: 'Deep pothole',
      attributes: { size: 'large' },
      requester: dana,
      ...(accountId ? { accountId } : {}),
      ...(neighborhood ? { neighborhood } : {}),
    });
  }

  describe('accounts and link codes', () => {
    it('creates an account with a one-time code shown once in groups of four', async () => {
      const issued = await stack.liaisons.createAccount(kensington);
      assert.equal(issued.linkCode, 'KM7Q-4TXR-9HWD');
      assert.equal(issued.account.neighborhood, 'Kensington');
      assert.equal(issued.expiresAt, '2026-11-30T15:00:00.000Z');
    });

    it('refuses an account without a name, neighborhood or organisation, naming the field', async () => {
      for (const key of ['name', 'neighborhood', 'organisation'] as const) {
        await assert.rejects(stack.liaisons.createAccount({ ...kensington, [key]: '  ' }), (e: unknown) => {
          return isLiaisonError(e, 'invalid-field') && e.field === key;
        });
      }
      assert.deepEqual(await stack.liaisons.list(), []);
    });

    it('links several identities, each with its own code; a code typed in lower case works', async () => {
      const account = await linkedAccount();
      const second = await stack.liaisons.issueCode(account.id);
      const result = await stack.liaisons.link(danaSlack, second.linkCode.toLowerCase());
      assert.equal(result.outcome, 'linked');
      assert.equal((await stack.liaisons.accountFor(danaSlack))?.id, account.id);
      assert.equal((await stack.liaisons.accountFor(dana))?.id, account.id);
    });

    it('gives a reused code nothing', async () => {
      const issued = await stack.liaisons.createAccount(kensington);
      await stack.liaisons.link(dana, issued.linkCode);
      assert.deepEqual(await stack.liaisons.link(stranger, issued.linkCode), { outcome: 'invalid' });
      assert.equal(await stack.liaisons.accountFor(stranger), undefined);
    });

    it('stops an identity after 5 wrong codes in an hour, even when the 6th is right', async () => {
      const issued = await stack.liaisons.createAccount(kensington);
      for (let i = 0; i < 5; i++) {
        assert.equal((await stack.liaisons.link(stranger, `ABCD${i}EFGHJKM`)).outcome, 'invalid');
      }
      assert.deepEqual(await stack.liaisons.link(stranger, issued.linkCode), { outcome: 'rate-limited' });
      assert.equal((await stack.liaisons.link(dana, issued.linkCode)).outcome, 'linked', 'others still link');
      stack.at('2026-11-16T16:00:01.000Z');
      const next = await stack.liaisons.issueCode(issued.account.id);
      assert.equal((await stack.liaisons.link(stranger, next.linkCode)).outcome, 'linked', 'an hour later');
    });

    it('stops working at once when the account is revoked, or the identity unlinked', async () => {
      const account = await linkedAccount();
      const code = await stack.liaisons.issueCode(account.id);
      await stack.liaisons.link(danaSlack, code.linkCode);
      await stack.liaisons.revokeIdentity(account.id, danaSlack);
      assert.equal(await stack.liaisons.accountFor(danaSlack), undefined);
      assert.equal((await stack.liaisons.accountFor(dana))?.id, account.id);
      await stack.liaisons.revoke(account.id);
      assert.equal(await stack.liaisons.accountFor(dana), undefined);
      await assert.rejects(stack.liaisons.issueCode(account.id), (e: unknown) =>
        isLiaisonError(e, 'revoked'),
      );
    });
  });

  describe('requests of an account', () => {
    it('lists the account requests newest first, not anyone else', async () => {
      const account = await linkedAccount();
      const other = await linkedAccount(fishtown, sam);
      const first = await pothole(account.id, account.neighborhood);
      await pothole(other.id, other.neighborhood, '200 Girard Ave');
      await pothole(undefined);
      const second = await pothole(account.id, account.neighborhood, '50 Front St');
      const mine = await stack.liaisons.requestsOf(account.id);
      assert.deepEqual(
        mine.map((r) => r.id),
        [second.id, first.id],
      );
    });

    it('records a follow-up note in the history by the liaison without changing the status', async () => {
      const account = await linkedAccount();
      const filed = await pothole(account.id, account.neighborhood);
      stack.at('2026-11-17T15:00:00.000Z');
      const result = await stack.liaisons.followUp(
        dana,
        filed.id,
        '  Neighbors say\u0000 it is getting \n  deeper\u0007',
      );
      assert.equal(result.outcome, 'recorded');
      const stored = await stack.requests.get(filed.id);
      assert.equal(stored?.status, 'received');
      assert.deepEqual(stored?.history.at(-1), {
        status: 'received',
        at: '2026-11-17T15:00:00.000Z',
        by: `liaison:${account.id}`,
        note: 'Neighbors say it is getting deeper',
      });
      assert.equal(stored?.statusNotes, 'Neighbors say it is getting deeper');
    });

    it('adds a note to a closed request too, and it stays closed', async () => {
      const account = await linkedAccount();
      const filed = await pothole(account.id, account.neighborhood);
      await stack.requests.changeStatus(filed.id, { status: 'closed-fixed', by: 'staff' });
      assert.equal((await stack.liaisons.followUp(dana, filed.id, 'It is back')).outcome, 'recorded');
      assert.equal((await stack.requests.get(filed.id))?.status, 'closed-fixed');
    });

    it('refuses a follow-up on another account request, an unknown number, or from someone not linked', async () => {
      const account = await linkedAccount();
      const other = await linkedAccount(fishtown, sam);
      const theirs = await pothole(other.id, other.neighborhood);
      await pothole(account.id, account.neighborhood);
      assert.deepEqual(await stack.liaisons.followUp(dana, theirs.id, 'hello'), { outcome: 'not-yours' });
      assert.deepEqual(await stack.liaisons.followUp(dana, '99999999' as TrackingNumber, 'x'), {
        outcome: 'not-yours',
      });
      assert.deepEqual(await stack.liaisons.followUp(stranger, theirs.id, 'hello'), {
        outcome: 'not-liaison',
      });
      assert.equal((await stack.requests.get(theirs.id))?.history.length, 1, 'nothing was added');
    });

    it('tells the linked identities of the account about its requests, and none once revoked', async () => {
      const account = await linkedAccount();
      const code = await stack.liaisons.issueCode(account.id);
      await stack.liaisons.link(danaSlack, code.linkCode);
      const filed = await pothole(account.id, account.neighborhood);
      assert.deepEqual(await stack.liaisons.recipientsFor(filed), [
        { channel: 'sms', userId: dana.userId },
        { channel: 'slack', userId: danaSlack.userId },
      ]);
      assert.deepEqual(await stack.liaisons.recipientsFor({ accountId: undefined }), []);
      await stack.liaisons.revoke(account.id);
      assert.deepEqual(await stack.liaisons.recipientsFor(filed), []);
    });
  });

  describe('neighborhood summary', () => {
    it('counts open, closed and delayed requests, per service', async () => {
      const account = await linkedAccount();
      const a = await pothole(account.id, 'Kensington', '1 Spruce St');
      await pothole(account.id, 'Kensington', '2 Spruce St');
      await stack.requests.file({
        serviceCode: 'graffiti',
        location: { address: '3 Spruce St' },
        attributes: { surface: 'fence', owner_consent: 'owner' },
        requester: dana,
        accountId: account.id,
        neighborhood: 'Kensington',
      });
      await pothole(undefined, undefined, '4 Spruce St');
      await stack.requests.changeStatus(a.id, { status: 'closed-fixed', by: 'staff' });
      // Monday Nov 16 + 3 business days = Thursday Nov 19; on Friday the open pothole is delayed.
      stack.at('2026-11-20T15:00:00.000Z');
      const summary = await stack.liaisons.summary('  kensington ');
      assert.deepEqual(summary, {
        neighborhood: 'Kensington',
        total: 3,
        open: 2,
        closed: 1,
        delayed: 1,
        byService: [
          { serviceCode: 'pothole', open: 1, closed: 1, delayed: 1 },
          { serviceCode: 'graffiti', open: 1, closed: 0, delayed: 0 },
        ],
      });
      assert.equal(await stack.liaisons.summary('Nowhere'), undefined);
    });
  });

  describe('CSV import', () => {
    const csv = [
      'service_code,address,description,noticed,size',
      'pothole,"1234 Spruce St, by the bus stop","Deep, wide hole",2026-11-14,large',
      'graffiti,5 Front St,"Tag on the ""old"" mill",,',
      'no-such-service,6 Front St,whatever,,',
      'pothole,,"no place given",,small',
      'pothole,7 Front St,"multi',
      'line description",2026-11-30,small',
      'pothole,8 Front St,too few fields',
    ].join('\r\n');

    it('files the good rows and reports each bad row with its line and reason, storing nothing from it', async () => {
      const account = await linkedAccount();
      const result = await stack.liaisons.importCsv(account.id, csv);
      assert.deepEqual(
        result.filed.map((f) => [f.line, f.serviceCode]),
        [[2, 'pothole']],
      );
      assert.match(result.filed[0]!.id, /^\d{8}$/);
      assert.equal(result.filed[0]!.expectedAt, '2026-11-19T15:00:00.000Z');
      assert.deepEqual(
        result.rejected.map((r) => [r.line, r.code, r.field]),
        [
          [3, 'invalid-attribute', 'surface'],
          [4, 'unknown-service', 'service_code'],
          [5, 'missing-location', 'location'],
          [6, 'invalid-noticed', 'noticed'],
          [8, 'field-count', undefined],
        ],
      );
      const stored = await stack.requests.find({});
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.location.address, '1234 Spruce St, by the bus stop');
      assert.equal(stored[0]!.description, 'Deep, wide hole');
      assert.equal(stored[0]!.accountId, account.id);
      assert.equal(stored[0]!.neighborhood, 'Kensington');
      assert.equal(stored[0]!.requester.channel, IMPORT_CHANNEL);
      assert.equal(stored[0]!.noticedAt, new Date('2026-11-14').toISOString());
    });

    it('files a row reporting an already open problem with a notice naming the open request', async () => {
      const account = await linkedAccount();
      const open = await pothole(undefined, undefined, '1234 Spruce St');
      const result = await stack.liaisons.importCsv(
        account.id,
        'service_code,address,size\npothole,1234 spruce street,large\npothole,99 Front St,large\n',
      );
      assert.deepEqual(
        result.filed.map((f) => [f.line, f.duplicateOf]),
        [
          [2, open.id],
          [3, undefined],
        ],
      );
      const stored = await stack.requests.get(result.filed[0]!.id);
      assert.equal(stored?.serviceNotice, `Request ${open.id} for the same problem here is already open.`);
    });

    it('keeps quoted commas, quotes and line breaks in the stored description', async () => {
      const account = await linkedAccount();
      const result = await stack.liaisons.importCsv(
        account.id,
        'service_code,address,description,attribute[surface],attribute[owner_consent]\n' +
          'graffiti,5 Front St,"Tag on the ""old"" mill,\nnorth wall",fence,owner\n',
      );
      assert.equal(result.rejected.length, 0, JSON.stringify(result.rejected));
      const stored = await stack.requests.get(result.filed[0]!.id);
      assert.equal(stored?.description, 'Tag on the "old" mill,\nnorth wall');
    });

    it('refuses a CSV without service_code or a location column, and a revoked or unknown account', async () => {
      const account = await linkedAccount();
      await assert.rejects(stack.liaisons.importCsv(account.id, 'address\n1 Main St\n'), (e: unknown) =>
        isLiaisonError(e, 'invalid-csv'),
      );
      await assert.rejects(
        stack.liaisons.importCsv(account.id, 'service_code,description\npothole,x\n'),
        (e: unknown) => isLiaisonError(e, 'invalid-csv'),
      );
      await assert.rejects(stack.liaisons.importCsv('nobody', csv), (e: unknown) =>
        isLiaisonError(e, 'not-found'),
      );
      await stack.liaisons.revoke(account.id);
      await assert.rejects(stack.liaisons.importCsv(account.id, csv), (e: unknown) =>
        isLiaisonError(e, 'revoked'),
      );
      assert.deepEqual(await stack.requests.find({}), []);
    });
  });
});
