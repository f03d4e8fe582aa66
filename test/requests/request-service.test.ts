import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import { createLowdbRequestStore } from '../../requests/lowdb-request-store.js';
import { RequestError, type RequestErrorCode } from '../../requests/request-error.js';
import { type FileRequest, RequestService } from '../../requests/request-service.js';
import { cityDate } from '../../requests/time-frame.js';
import type { RequestStore, ServiceRequest, StatusChange, TrackingNumber } from '../../requests/types.js';
import { counter } from './request-store-contract.js';

const resident = { channel: 'sms', userId: '+12155550100', conversationId: '+12155550100' };

function report(overrides: Partial<FileRequest> = {}): FileRequest {
  return {
    serviceCode: 'pothole',
    location: { address: '1234 spruce street' },
    description: 'Deep pothole in the right lane',
    attributes: { size: 'large' },
    requester: resident,
    ...overrides,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: RequestErrorCode, field?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RequestError, String(error));
    assert.equal(error.code, code, error.message);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

describe('RequestService', () => {
  let dir: string;
  let catalog: ServiceCatalog;
  let store: RequestStore;
  let now: Date;
  let service: RequestService;

  before(async () => {
    catalog = await loadCatalog();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'request-service-'));
    // Friday before Memorial Day 2026 (Monday May 25), 10:00 in Philadelphia.
    now = new Date('2026-05-22T14:00:00.000Z');
    store = await createLowdbRequestStore({
      file: join(dir, 'requests.json'),
      newId: counter(),
      clock: () => now,
    });
    service = new RequestService({ store, catalog, calendar: createHolidayCalendar(), clock: () => now });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('filing', () => {
    it('stores the request with the city agency and a normalised address, and returns its tracking number', async () => {
      const filed = await service.file(report());
      assert.match(filed.id, /^\d{8}$/);
      assert.equal(filed.agency, 'Streets Department');
      assert.equal(filed.location.address, '1234 Spruce St');
      assert.deepEqual(await service.get(filed.id), filed);
    });

    it('files a report sent twice with one idempotency key once, answering the same tracking number', async () => {
      const first = await service.file(report({ idempotencyKey: 'sms:SM0001' }));
      now = new Date('2026-05-22T14:03:00.000Z');
      const again = await service.file(report({ idempotencyKey: 'sms:SM0001' }));
      assert.equal(again.id, first.id);
      assert.equal(again.requestedAt, first.requestedAt);
      const other = await service.file(report({ idempotencyKey: 'sms:SM0002' }));
      assert.notEqual(other.id, first.id);
      assert.equal((await service.find({})).length, 2);
    });

    it('expects a pothole filed the Friday before Memorial Day on Thursday (3 business days, holiday skipped)', async () => {
      const filed = await service.file(report());
      assert.equal(cityDate(new Date(filed.expectedAt!)), '2026-05-28');
    });

    it('expects graffiti removal 5 business days later, across the holiday weekend', async () => {
      const filed = await service.file(
        report({ serviceCode: 'graffiti', attributes: { surface: 'fence', owner_consent: 'owner' } }),
      );
      assert.equal(cityDate(new Date(filed.expectedAt!)), '2026-06-01');
    });

    it('expects a smoke alarm install within 60 calendar days', async () => {
      const filed = await service.file(
        report({
          serviceCode: 'smoke-alarm',
          attributes: { owner_occupied: 'yes', home_type: 'one-family' },
        }),
      );
      assert.equal(cityDate(new Date(filed.expectedAt!)), '2026-07-21');
    });

    it('promises no date for an alley light, as the city states none', async () => {
      const filed = await service.file(
        report({ serviceCode: 'alley-light-outage', attributes: { light_condition: 'out' } }),
      );
      assert.equal(filed.expectedAt, undefined);
      assert.equal(service.isDelayed(filed), false);
    });

    it('calls an open request delayed only once the expected day is over', async () => {
      const filed = await service.file(report());
      now = new Date('2026-05-29T03:30:00.000Z'); // Thursday 23:30 in Philadelphia
      assert.equal(service.isDelayed(filed), false);
      now = new Date('2026-05-29T13:00:00.000Z'); // Friday morning
      assert.equal(service.isDelayed(filed), true);
      const fixed = await service.changeStatus(filed.id, { status: 'closed-fixed', by: 'staff' });
      assert.equal(service.isDelayed(fixed!), false);
    });

    it('keeps list attribute values as keys, whatever case the resident used', async () => {
      const filed = await service.file(
        report({
          serviceCode: 'illegal-dumping',
          attributes: { dumped_items: ['Tires', 'furniture', 'tires'], amount: 'truck-load' },
        }),
      );
      assert.deepEqual(filed.attributes, { dumped_items: ['tires', 'furniture'], amount: 'truck-load' });
    });

    const refusals: [string, Partial<FileRequest>, RequestErrorCode, string][] = [
      ['an unknown service', { serviceCode: 'unicorn-sighting' }, 'unknown-service', 'service_code'],
      ['no location', { location: {} }, 'missing-location', 'location'],
      ['half a coordinate', { location: { lat: 39.95 } }, 'invalid-location', 'long'],
      [
        'a 10,000-character description',
        { description: 'x'.repeat(10_000) },
        'description-too-long',
        'description',
      ],
      ['a value not in the list', { attributes: { size: 'enormous' } }, 'invalid-attribute', 'size'],
      [
        'an attribute the service does not have',
        { attributes: { colour: 'red' } },
        'invalid-attribute',
        'colour',
      ],
      [
        'a missing required attribute',
        { serviceCode: 'abandoned-vehicle', attributes: { color: 'red' } },
        'invalid-attribute',
        'make',
      ],
      [
        'a number attribute that is not a number',
        {
          serviceCode: 'smoke-alarm',
          attributes: { owner_occupied: 'yes', home_type: 'other', floors: 'three' },
        },
        'invalid-attribute',
        'floors',
      ],
      ['a media URL that is not http(s)', { mediaUrl: 'javascript:alert(1)' }, 'invalid-field', 'media_url'],
      // Date.parse would roll these over to March 2 and to December 1.
      ['a noticed date that does not exist', { noticedAt: '2026-02-30' }, 'invalid-field', 'noticed_at'],
      [
        'a noticed time that does not exist',
        { noticedAt: '2026-11-31T10:00:00Z' },
        'invalid-field',
        'noticed_at',
      ],
    ];
    for (const [what, overrides, code, field] of refusals) {
      it(`refuses ${what} and stores nothing`, async () => {
        await rejectsWith(service.file(report(overrides)), code, field);
        assert.deepEqual(await store.find({}), []);
      });
    }
  });

  describe('duplicates', () => {
    it('finds an open request of the same service at the same address typed differently', async () => {
      const first = await service.file(report({ location: { address: '1234 Spruce St' } }));
      const found = await service.findDuplicate('pothole', { address: '1234 SPRUCE STREET' });
      assert.equal(found?.id, first.id);
      assert.equal(await service.findDuplicate('graffiti', { address: '1234 Spruce St' }), undefined);
      assert.equal(await service.findDuplicate('pothole', { address: '1236 Spruce St' }), undefined);
    });

    it('finds one within about 50 m when coordinates are known, not one 100 m away', async () => {
      const first = await service.file(report({ location: { lat: 39.9474, long: -75.1617 } }));
      // ~33 m north and ~110 m north.
      assert.equal((await service.findDuplicate('pothole', { lat: 39.9477, long: -75.1617 }))?.id, first.id);
      assert.equal(await service.findDuplicate('pothole', { lat: 39.9484, long: -75.1617 }), undefined);
    });

    it('ignores closed requests and returns the oldest open one', async () => {
      const first = await service.file(report());
      now = new Date('2026-05-22T15:00:00.000Z');
      const second = await service.file(report());
      assert.equal((await service.findDuplicate('pothole', { address: '1234 Spruce St' }))?.id, first.id);
      await service.changeStatus(first.id, { status: 'closed-fixed', by: 'staff' });
      assert.equal((await service.findDuplicate('pothole', { address: '1234 Spruce St' }))?.id, second.id);
    });
  });

  describe('status changes', () => {
    let heard: [ServiceRequest, StatusChange][];
    beforeEach(() => {
      heard = [];
      service.addListener({
        statusChanged: async (request, change) => {
          heard.push([request, change]);
        },
      });
    });

    it('keeps every change in the history and tells every listener', async () => {
      const filed = await service.file(report());
      now = new Date('2026-05-26T13:00:00.000Z');
      await service.changeStatus(filed.id, { status: 'scheduled', note: 'Crew on Wednesday', by: 'staff' });
      now = new Date('2026-05-27T18:00:00.000Z');
      const fixed = await service.changeStatus(filed.id, {
        status: 'closed-fixed',
        note: 'Filled',
        by: 'staff',
      });
      assert.deepEqual(
        fixed?.history.map((h) => [h.status, h.at, h.by]),
        [
          ['received', '2026-05-22T14:00:00.000Z', 'system'],
          ['scheduled', '2026-05-26T13:00:00.000Z', 'staff'],
          ['closed-fixed', '2026-05-27T18:00:00.000Z', 'staff'],
        ],
      );
      assert.deepEqual(
        heard.map(([r, c]) => [r.id, r.status, c.status, c.note]),
        [
          [filed.id, 'scheduled', 'scheduled', 'Crew on Wednesday'],
          [filed.id, 'closed-fixed', 'closed-fixed', 'Filled'],
        ],
      );
    });

    it('still records the change when a listener fails', async () => {
      service.addListener({
        statusChanged: async () => {
          throw new Error('SMS provider down');
        },
      });
      const filed = await service.file(report());
      const updated = await service.changeStatus(filed.id, { status: 'in-progress', by: 'staff' });
      assert.equal(updated?.status, 'in-progress');
      assert.equal((await service.get(filed.id))?.status, 'in-progress');
      assert.equal(heard.length, 1);
    });

    const invalid: [
      string,
      string[],
      { status: ServiceRequest['status']; note?: string },
      RequestErrorCode,
    ][] = [
      ['closing as unfounded without a reason', [], { status: 'closed-unfounded' }, 'missing-reason'],
      [
        "not the city's responsibility without saying whose",
        [],
        { status: 'not-city-responsibility' },
        'missing-reason',
      ],
      ['going back to received', ['in-progress'], { status: 'received', note: 'oops' }, 'invalid-transition'],
      [
        'scheduling a fixed request',
        ['closed-fixed'],
        { status: 'scheduled', note: 'again' },
        'invalid-transition',
      ],
      ['reopening without a reason', ['closed-fixed'], { status: 'in-progress' }, 'missing-reason'],
      ['a duplicate without its parent', [], { status: 'duplicate' }, 'missing-parent'],
    ];
    for (const [what, before, change, code] of invalid) {
      it(`rejects ${what} (${code}) and records nothing`, async () => {
        const filed = await service.file(report());
        for (const status of before)
          await service.changeStatus(filed.id, { status: status as 'in-progress', by: 'staff' });
        const historyBefore = (await service.get(filed.id))!.history.length;
        heard = [];
        await rejectsWith(service.changeStatus(filed.id, { ...change, by: 'staff' }), code);
        assert.equal((await service.get(filed.id))!.history.length, historyBefore);
        assert.equal(heard.length, 0);
      });
    }

    it('reopens a request closed without a fix when a reason is given', async () => {
      const filed = await service.file(report());
      await service.changeStatus(filed.id, {
        status: 'closed-unfounded',
        note: 'Could not find it',
        by: 'staff',
      });
      const reopened = await service.changeStatus(filed.id, {
        status: 'in-progress',
        note: 'Resident sent a photo',
        by: 'staff',
      });
      assert.equal(reopened?.status, 'in-progress');
    });

    it('marks a duplicate with its parent, and its resident follows the parent', async () => {
      const parent = await service.file(report());
      const neighbour = { channel: 'slack', userId: 'U777' };
      const child = await service.file(report({ requester: neighbour }));
      const marked = await service.changeStatus(child.id, {
        status: 'duplicate',
        parent: parent.id,
        by: 'staff',
      });
      assert.equal(marked?.history.at(-1)?.parent, parent.id);
      assert.deepEqual((await service.get(parent.id))?.followers, [neighbour]);
      await rejectsWith(
        service.changeStatus(parent.id, {
          status: 'duplicate',
          parent: '99999999' as TrackingNumber,
          by: 'staff',
        }),
        'invalid-parent',
      );
      await rejectsWith(
        service.changeStatus(parent.id, { status: 'duplicate', parent: parent.id, by: 'staff' }),
        'invalid-parent',
      );
    });

    it('answers undefined for an unknown tracking number', async () => {
      assert.equal(
        await service.changeStatus('99999999' as TrackingNumber, { status: 'in-progress', by: 'staff' }),
        undefined,
      );
      assert.equal(await service.follow('99999999' as TrackingNumber, resident), undefined);
    });
  });

  it('lists what a resident filed or follows, newest first', async () => {
    const mine = await service.file(report());
    now = new Date('2026-05-22T16:00:00.000Z');
    const theirs = await service.file(
      report({ requester: { channel: 'x', userId: '42' }, location: { address: '10 Main St' } }),
    );
    await service.follow(theirs.id, resident);
    await service.file(
      report({ requester: { channel: 'x', userId: '43' }, location: { address: '11 Main St' } }),
    );
    const listed = await service.listForRequester({ channel: 'sms', userId: resident.userId });
    assert.deepEqual(
      listed.map((r) => r.id),
      [theirs.id, mine.id],
    );
  });
});
