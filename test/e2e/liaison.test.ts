/**
 * Neighborhood Liaisons end to end: the real composition root (`main`) with a
 * temporary DATA_DIR, staff calls over HTTP on loopback with the Bearer staff
 * token, liaisons texting from phones with webhooks signed by Twilio's own
 * library, replies and status notices read from a loopback fake of Twilio's
 * API, and Open311 reads - all one set of records.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../bot/main.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';
import { waitUntil } from '../helpers/loopback-server.js';
import { postTwilioWebhook, smsParams, testTwilioEnv } from '../helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';
const STAFF_TOKEN = 'e2e-staff-token';
const DANA = '+12155550111';
const DANA_SECOND_PHONE = '+12155550112';
const SAM = '+12155550122';
const STRANGER = '+12155550199';

interface Liaison {
  readonly id: string;
  readonly linkCode: string;
}

describe('Neighborhood Liaisons end to end (main, SMS, staff API, Open311)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let twilio: FakeTwilio;
  let base: string;
  let stop: () => void;
  let stopped: Promise<number>;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'liaison-e2e-'));
    twilio = await startFakeTwilio();
    let resolveStop!: () => void;
    const stopSignal = new Promise<void>((resolve) => {
      resolveStop = resolve;
    });
    stop = resolveStop;
    const listening = new Promise<string>((resolve) => {
      stopped = main(
        {
          PORT: '0',
          DATA_DIR: dataDir,
          STAFF_TOKEN,
          PUBLIC_URL,
          ...testTwilioEnv(twilio.url),
        },
        { stop: stopSignal, onListening: resolve, log: () => {} },
      );
    });
    base = (await listening).replace('localhost', '127.0.0.1');
  });

  after(async () => {
    stop();
    assert.equal(await stopped, 0);
    await twilio.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function staff(method: string, path: string, body?: unknown, contentType = 'application/json') {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function createLiaison(name: string, neighborhood: string): Promise<Liaison> {
    const res = await staff('POST', '/api/liaisons', {
      name,
      neighborhood,
      organisation: `${neighborhood} Civic`,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as unknown as Liaison;
  }

  /** Texts the bot and waits until a reply matching `expect` arrives; returns every reply of the turn. */
  async function text(from: string, body: string, expect: RegExp): Promise<string> {
    const before = twilio.to(from).length;
    const res = await postTwilioWebhook(`${base}/sms`, smsParams({ from, body }), {
      signedUrl: `${PUBLIC_URL}/sms`,
    });
    assert.equal(res.status, 200, res.body);
    const fresh = () =>
      twilio
        .to(from)
        .slice(before)
        .map((m) => m.body)
        .join('\n');
    await waitUntil(
      () => expect.test(fresh()),
      () => `a reply to "${body}" matching ${expect}; got ${JSON.stringify(fresh())}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    return fresh();
  }

  it('links a phone with the staff-issued code; a reused or guessed code links nothing', async () => {
    const dana = await createLiaison('Dana Reyes', 'Kensington');
    assert.match(dana.linkCode, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    await text(
      DANA,
      `LIAISON ${dana.linkCode}`,
      /Linked! This phone now acts for the liaison account of Dana Reyes/,
    );
    await text(STRANGER, `LIAISON ${dana.linkCode}`, /That code didn't work/);
    await text(STRANGER, 'LIAISON ABCD-EFGH-JKM2', /That code didn't work/);
    const listed = await staff('GET', `/api/liaisons/${dana.id}`);
    const identities = (listed.body.liaison as { identities: { channel: string; userId: string }[] })
      .identities;
    assert.deepEqual(
      identities.map((i) => [i.channel, i.userId]),
      [['sms', DANA]],
    );
  });

  it('meeting mode by SMS files three requests under the account; staff and Open311 see them by account_id', async () => {
    const sam = await createLiaison('Sam Ortiz', 'Fishtown');
    await text(SAM, `LIAISON ${sam.linkCode}`, /Linked!/);
    await text(SAM, 'meeting', /Meeting mode for Fishtown/);
    const problems: readonly (readonly [string, RegExp])[][] = [
      [
        ['pothole at 1234 Spruce St', /About how big/],
        ['3', /Where in the street/],
        ['1', /Anything to add\?/],
        ['yesterday', /Please check/],
        ['yes', /1 problem entered/],
      ],
      [
        // The first message already says what kind of animal: the intake asks only what is missing.
        ['dead dog at 5th and Market', /Noted: dog\. Is it on the street, the sidewalk or in an alley/],
        ['street', /Anything to add\?/],
        ['by the bus stop', /Please check/],
        ['yes', /2 problems entered/],
      ],
    ];
    for (const problem of problems) for (const [said, expect] of problem) await text(SAM, said, expect);
    // The third problem: answer whatever the intake asks until it files.
    let reply = await text(SAM, 'street light out at 26th and Oxford', /Noted: it is out\./);
    for (let asked = 0; asked < 6 && !/Please check/.test(reply); asked++)
      reply = await text(SAM, 'skip', /./);
    assert.match(reply, /Please check: Street Light Outage/);
    await text(SAM, 'yes', /3 problems entered/);
    const summary = await text(SAM, 'done', /Meeting summary for Fishtown: 3 requests/);
    const ids = [...summary.matchAll(/#(\d{8})/g)].map((m) => m[1]);
    assert.equal(ids.length, 3);

    const listed = await staff('GET', `/api/liaisons/${sam.id}/requests`);
    const requests = listed.body.requests as { id: string; neighborhood: string }[];
    assert.deepEqual(requests.map((r) => r.id).sort(), [...ids].sort());
    assert.ok(requests.every((r) => r.neighborhood === 'Fishtown'));

    // Another account's request, so the filter has something to leave out.
    const other = await createLiaison('Pat Kim', 'Manayunk');
    await staff('POST', `/api/liaisons/${other.id}/import`, {
      csv: 'service_code,address,size\npothole,4300 Main St,small\n',
    });
    const all = (await (await fetch(`${base}/open311/v2/requests.json`)).json()) as unknown[];
    assert.equal(all.length, 4);
    const open311 = await fetch(`${base}/open311/v2/requests.json?account_id=${sam.id}`);
    const records = (await open311.json()) as { service_request_id: string; account_id: string }[];
    assert.deepEqual(records.map((r) => r.service_request_id).sort(), [...ids].sort());
    assert.ok(records.every((r) => r.account_id === sam.id));
  });

  it('a follow-up note reaches staff and Open311 status_notes; another account request is refused', async () => {
    const kim = await createLiaison('Kim Lee', 'Point Breeze');
    const other = await createLiaison('Lou Park', 'Germantown');
    await text(DANA_SECOND_PHONE, `LIAISON ${kim.linkCode}`, /Linked!/);
    const imported = await staff(
      'POST',
      `/api/liaisons/${kim.id}/import`,
      'service_code,address,description,size\npothole,"1500 Wharton St, by the school",deep,large\n',
      'text/csv',
    );
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const id = (imported.body.filed as { id: string }[])[0]!.id;
    const othersImport = await staff('POST', `/api/liaisons/${other.id}/import`, {
      csv: 'service_code,address,size\npothole,10 Chelten Ave,small\n',
    });
    const othersId = (othersImport.body.filed as { id: string }[])[0]!.id;

    await text(
      DANA_SECOND_PHONE,
      `follow up ${id} kids walk around it into the street`,
      new RegExp(`Noted on request #${id}`),
    );
    await text(DANA_SECOND_PHONE, `follow up ${othersId} hello`, /not one of your account's requests/);

    const list = await staff('GET', '/api/requests?limit=50');
    const request = (list.body.requests as { id: string; history: unknown[] }[]).find((r) => r.id === id);
    const last = request?.history.at(-1) as { status: string; by: string; note?: string } | undefined;
    assert.deepEqual(
      [last?.status, last?.by, last?.note],
      ['received', `liaison:${kim.id}`, 'kids walk around it into the street'],
    );
    const open311 = (await (await fetch(`${base}/open311/v2/requests/${id}.json`)).json()) as {
      status_notes: string;
    }[];
    assert.equal(open311[0]?.status_notes, 'kids walk around it into the street');
    const untouched = (await (await fetch(`${base}/open311/v2/requests/${othersId}.json`)).json()) as {
      status_notes: string | null;
    }[];
    assert.equal(untouched[0]?.status_notes, null);
  });

  it('tells every linked phone of the account when staff change the status of one of its requests', async () => {
    const ana = await createLiaison('Ana Cruz', 'Hunting Park');
    const phones = ['+12155550131', '+12155550132'];
    await text(phones[0]!, `LIAISON ${ana.linkCode}`, /Linked!/);
    const second = await staff('POST', `/api/liaisons/${ana.id}/codes`);
    await text(phones[1]!, `LIAISON ${String(second.body.linkCode)}`, /Linked!/);
    const imported = await staff('POST', `/api/liaisons/${ana.id}/import`, {
      csv: 'service_code,address,size\npothole,4000 N 5th St,small\n',
    });
    const id = (imported.body.filed as { id: string }[])[0]!.id;
    const before = phones.map((p) => twilio.to(p).length);
    const changed = await staff('PATCH', `/api/requests/${id}`, {
      status: 'in-progress',
      note: 'crew assigned',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await waitUntil(
      () => phones.every((p, i) => twilio.to(p).length > before[i]!),
      'a status notice on both phones',
    );
    for (const p of phones) {
      assert.match(
        twilio.to(p).at(-1)!.body,
        new RegExp(`Update on request #${id} .*In progress - crew assigned`),
      );
    }
  });

  it('revoking stops the account at once: the phone is a resident again and old codes link nothing', async () => {
    const lee = await createLiaison('Lee Wong', 'Chinatown');
    const phone = '+12155550141';
    await text(phone, `LIAISON ${lee.linkCode}`, /Linked!/);
    await text(phone, 'my requests', /Chinatown liaison requests|has no requests yet/);
    const fresh = await staff('POST', `/api/liaisons/${lee.id}/codes`);
    const revoked = await staff('DELETE', `/api/liaisons/${lee.id}`);
    assert.equal(revoked.status, 200);
    const after = await text(phone, 'my requests', /./);
    assert.doesNotMatch(after, /liaison/i);
    await text('+12155550142', `LIAISON ${String(fresh.body.linkCode)}`, /That code didn't work/);
  });

  it('works from the staff console session (JSON only), as well as with the Bearer token', async () => {
    const login = await fetch(`${base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: STAFF_TOKEN }).toString(),
      redirect: 'manual',
    });
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await fetch(`${base}/api/liaisons`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Jo Diaz', neighborhood: 'Olney', organisation: 'Olney Civic' }),
    });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    const asCsv = await fetch(`${base}/api/liaisons/${id}/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: 'service_code,address,size\npothole,5600 N 5th St,small\n',
    });
    assert.equal(asCsv.status, 415, 'a cross-site form cannot post as the console');
    const asJson = await fetch(`${base}/api/liaisons/${id}/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ csv: 'service_code,address,size\npothole,5600 N 5th St,small\n' }),
    });
    assert.equal(asJson.status, 201);
    const summary = await fetch(`${base}/api/neighborhoods/olney/summary`, { headers: { cookie } });
    assert.equal(((await summary.json()) as { summary: { open: number } }).summary.open, 1);
  });

  it('refuses the staff API without the token', async () => {
    const res = await fetch(`${base}/api/liaisons`);
    assert.equal(res.status, 401);
    const wrong = await fetch(`${base}/api/liaisons`, { headers: { authorization: 'Bearer wrong' } });
    assert.equal(wrong.status, 403);
  });
});
