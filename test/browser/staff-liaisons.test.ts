/**
 * The staff console's Neighborhood Liaisons screen in Chromium: the real app
 * (`main`), the real liaison API behind the console's session, a liaison
 * linking for real through the Bot Framework endpoint, and Open311 reads.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  axeAudit,
  DESKTOP_VIEWPORT,
  PHONE_VIEWPORT,
  pageProblemsOf,
  STAFF_TOKEN,
  screenshot,
  signInToStaff,
  useBrowserApp,
} from '../helpers/browser.js';

const LINK_CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

describe('Staff console: Neighborhood Liaisons in Chromium (real app, real bot)', function () {
  this.timeout(90_000);
  const web = useBrowserApp();

  /** Signs in from the console's sign-in form and follows its link to the liaisons screen. */
  async function openLiaisons(viewport: { width: number; height: number } = DESKTOP_VIEWPORT): Promise<Page> {
    const page = await web.browser.newPage({ viewport });
    await signInToStaff(page, web.app.url);
    await page.getByRole('link', { name: 'Neighborhood Liaisons' }).click();
    await page.getByRole('heading', { name: 'Neighborhood Liaisons', level: 1 }).waitFor();
    await page
      .locator('#accounts-status')
      .filter({ hasText: /account|No liaison/ })
      .waitFor();
    return page;
  }

  async function createAccount(page: Page, name: string, neighborhood: string): Promise<string> {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Neighborhood', { exact: true }).fill(neighborhood);
    await page.getByLabel('Organisation').fill(`${neighborhood} Civic Association`);
    await page.getByRole('button', { name: 'Create account' }).click();
    const panel = page.getByRole('region', { name: 'Link code' });
    await panel.getByText(`Account created for ${name}`).waitFor();
    const code = ((await page.locator('#link-code').textContent()) ?? '').trim();
    assert.match(code, LINK_CODE);
    return code;
  }

  /** The account's row in the table. */
  const row = (page: Page, name: string) =>
    page.locator('#accounts-table tbody tr', { has: page.getByRole('cell', { name, exact: true }) });

  /** Says `text` to the bot as a Bot Framework Emulator user would; returns the bot's replies. */
  async function viaBotFramework(userId: string, text: string): Promise<string> {
    const res = await fetch(`${web.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `act-${Date.now()}`,
        text,
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        deliveryMode: 'expectReplies',
        from: { id: userId, name: 'Liaison' },
        recipient: { id: 'bot', name: 'Bot' },
        conversation: { id: `conv-${userId}` },
      }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { activities: { text?: string }[] };
    return body.activities.map((a) => a.text ?? '').join('\n');
  }

  it('creates an account, shows its code once, and lists the identity the liaison links with it', async () => {
    const page = await openLiaisons();
    const code = await createAccount(page, 'Dana Reyes', 'Kensington');
    await page.getByText(`text LIAISON ${code} from their phone, Slack or X`).waitFor();
    const dana = row(page, 'Dana Reyes');
    await dana.getByRole('cell', { name: 'None yet' }).waitFor();
    await dana.getByRole('cell', { name: 'Active' }).waitFor();

    const reply = await viaBotFramework('dana-emulator', `LIAISON ${code}`);
    assert.match(reply, /Linked! .*Dana Reyes/);

    await page.reload();
    await row(page, 'Dana Reyes')
      .getByText(/^bot-framework:emulator: dana-emulator \(linked /)
      .waitFor();
    assert.equal(await page.locator('#link-code').isVisible(), false, 'the code is not shown again');
    assert.deepEqual(pageProblemsOf(page), [], 'no CSP violation or script error');

    // A new code replaces the old one, which then links nothing.
    await row(page, 'Dana Reyes').getByRole('button', { name: 'New code for Dana Reyes' }).click();
    await page.getByText('New code for Dana Reyes (Kensington)').waitFor();
    const second = ((await page.locator('#link-code').textContent()) ?? '').trim();
    assert.match(second, LINK_CODE);
    assert.notEqual(second, code);
    assert.match(await viaBotFramework('someone-else', `LIAISON ${code}`), /That code didn't work/);
  });

  it('imports a CSV with one bad row: per-line results, real tracking numbers, and the neighborhood summary', async () => {
    const page = await openLiaisons();
    await createAccount(page, 'Sam Ortiz', 'Fishtown');
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Sam Ortiz (Fishtown)' });
    await page
      .getByLabel('Or paste the CSV')
      .fill(
        'service_code,address,size\n' +
          'pothole,1200 Frankford Ave,small\n' +
          'not-a-service,1300 Frankford Ave,small\n' +
          'pothole,"200 E Girard Ave, by the bus stop",large\n',
      );
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 2 filed, 1 rejected' }).waitFor();

    const rows = page.locator('#import-results tbody tr');
    assert.equal(await rows.count(), 3);
    const cells = await Promise.all([0, 1, 2].map((i) => rows.nth(i).locator('td').allTextContents()));
    assert.deepEqual(
      cells.map((c) => [c[0], c[1]]),
      [
        ['2', 'Filed'],
        ['3', 'Rejected'],
        ['4', 'Filed'],
      ],
    );
    assert.equal(cells[1]?.[2], 'no service "not-a-service" (column service_code)');
    const ids = [cells[0]?.[2], cells[2]?.[2]].map((text) => /Tracking number (\d+)/.exec(text ?? '')?.[1]);
    for (const id of ids) {
      assert.ok(id, 'a tracking number per filed line');
      const res = await fetch(`${web.app.url}/open311/v2/requests/${id}.json`);
      assert.equal(res.status, 200);
      const [record] = (await res.json()) as { service_request_id: string; service_code: string }[];
      assert.deepEqual([record?.service_request_id, record?.service_code], [id, 'pothole']);
    }

    // Staff fix one: the summary shows one open and one closed.
    const closed = await fetch(`${web.app.url}/api/requests/${ids[0]}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed-fixed', note: 'patched' }),
    });
    assert.equal(closed.status, 200);
    await page.getByLabel('Summary for neighborhood').fill('fishtown');
    await page.getByRole('button', { name: 'Show summary' }).click();
    const totals = page.locator('#summary-totals');
    await page.getByRole('status').filter({ hasText: 'Fishtown: 1 open, 1 closed, 0 delayed' }).waitFor();
    assert.deepEqual(await totals.locator('dd').allTextContents(), ['2', '1', '1', '0']);
    assert.deepEqual(await page.locator('#summary-table tbody tr td').allTextContents(), [
      'Street Defect (Pothole) (pothole)',
      '1',
      '1',
      '0',
    ]);

    // A neighborhood no account serves: a clear message, not a blank panel.
    await page.getByLabel('Summary for neighborhood').fill('Atlantis');
    await page.getByRole('button', { name: 'Show summary' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /No summary for Atlantis: no liaison account/ })
      .waitFor();
    assert.equal(await page.locator('#summary-result').isVisible(), false);
  });

  it('shows a bad CSV header and a bad account form as messages, importing nothing', async () => {
    const page = await openLiaisons();
    await createAccount(page, 'Kim Lee', 'Point Breeze');
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Kim Lee (Point Breeze)' });
    await page.getByLabel('Or paste the CSV').fill('address\n1500 Wharton St\n');
    await page.getByRole('button', { name: 'Import' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Nothing was imported: the header has no service_code column' })
      .waitFor();
    const list = await fetch(`${web.app.url}/api/liaisons`, {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    const { liaisons } = (await list.json()) as { liaisons: { id: string; name: string }[] };
    const kim = liaisons.find((l) => l.name === 'Kim Lee');
    const requests = await fetch(`${web.app.url}/api/liaisons/${kim?.id}/requests`, {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    assert.deepEqual(((await requests.json()) as { requests: unknown[] }).requests, []);

    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByLabel('Neighborhood', { exact: true }).fill('Olney');
    await page.getByLabel('Organisation').fill('Olney Civic');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^The account could not be created: / })
      .waitFor();
  });

  it('revokes only after the confirm step, and the linked identity stops acting for the account', async () => {
    const page = await openLiaisons();
    const code = await createAccount(page, 'Lee Wong', 'Chinatown');
    assert.match(await viaBotFramework('lee-emulator', `LIAISON ${code}`), /Linked!/);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const lee = row(page, 'Lee Wong');
    await lee.getByText(/^bot-framework:emulator: lee-emulator/).waitFor();

    await lee.getByRole('button', { name: 'Revoke Lee Wong' }).click();
    await lee.getByText("Revoke Lee Wong's account?").waitFor();
    await lee.getByRole('button', { name: 'Cancel' }).click();
    await lee.getByRole('cell', { name: 'Active' }).waitFor();

    await lee.getByRole('button', { name: 'Revoke Lee Wong' }).click();
    await lee.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('status').filter({ hasText: "Lee Wong's account is revoked" }).waitFor();
    await lee.getByRole('cell', { name: /^Revoked / }).waitFor();
    assert.equal(await lee.getByRole('button').count(), 0, 'a revoked account offers no actions');
    assert.doesNotMatch(await viaBotFramework('lee-emulator', 'my requests'), /Chinatown/);
    const options = await page.getByLabel('Account', { exact: true }).locator('option').allTextContents();
    assert.ok(!options.includes('Lee Wong (Chinatown)'), 'a revoked account takes no import');
  });

  it('unlinks one identity after the confirm step; the other still acts for the account', async () => {
    const page = await openLiaisons();
    const first = await createAccount(page, 'Ana Cruz', 'Frankford');
    assert.match(await viaBotFramework('ana-phone', `LIAISON ${first}`), /Linked!/);
    await row(page, 'Ana Cruz').getByRole('button', { name: 'New code for Ana Cruz' }).click();
    await page.getByText('New code for Ana Cruz (Frankford)').waitFor();
    const second = ((await page.locator('#link-code').textContent()) ?? '').trim();
    assert.match(await viaBotFramework('ana-laptop', `LIAISON ${second}`), /Linked!/);
    assert.match(await viaBotFramework('ana-phone', 'summary'), /Frankford/);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const ana = row(page, 'Ana Cruz');
    await ana.getByText(/^bot-framework:emulator: ana-laptop \(linked /).waitFor();

    await ana.getByRole('button', { name: 'Unlink bot-framework:emulator: ana-phone' }).click();
    await ana.getByText("Unlink bot-framework:emulator: ana-phone from Ana Cruz's account?").waitFor();
    await ana.getByRole('button', { name: 'Cancel' }).click();
    await ana.getByRole('button', { name: 'Unlink bot-framework:emulator: ana-phone' }).click();
    await ana.getByRole('button', { name: 'Yes, unlink' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: "bot-framework:emulator: ana-phone is unlinked: it no longer acts for Ana Cruz's account.",
      })
      .waitFor();
    await ana.getByText(/^bot-framework:emulator: ana-phone \(unlinked /).waitFor();
    await ana.getByText(/^bot-framework:emulator: ana-laptop \(linked /).waitFor();
    await ana.getByRole('cell', { name: 'Active' }).waitFor();
    assert.equal(
      await ana.getByRole('button', { name: 'Unlink bot-framework:emulator: ana-phone' }).count(),
      0,
    );
    assert.equal(
      await ana.getByRole('button', { name: 'Unlink bot-framework:emulator: ana-laptop' }).count(),
      1,
    );

    assert.doesNotMatch(await viaBotFramework('ana-phone', 'summary'), /Frankford/);
    assert.match(await viaBotFramework('ana-laptop', 'summary'), /Frankford/);
    assert.deepEqual(pageProblemsOf(page), [], 'no CSP violation or script error');
  });

  it('passes the accessibility audit on a phone and a desktop', async () => {
    for (const [name, viewport] of [
      ['phone', PHONE_VIEWPORT],
      ['desktop', DESKTOP_VIEWPORT],
    ] as const) {
      const page = await openLiaisons(viewport);
      await createAccount(page, `Audit ${name}`, 'Olney');
      await page.getByLabel('Summary for neighborhood').fill('Olney');
      await page.getByRole('button', { name: 'Show summary' }).click();
      await page.locator('#summary-result').waitFor();
      const violations = await axeAudit(page);
      assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
      await screenshot(page, `staff-liaisons-${name}`);
    }
  });

  it('keeps the API closed without a session, and an expired session returns to sign-in', async () => {
    const anonymous = await fetch(`${web.app.url}/api/liaisons`);
    assert.equal(anonymous.status, 401);
    const summary = await fetch(`${web.app.url}/api/neighborhoods/olney/summary`);
    assert.equal(summary.status, 401);

    const page = await openLiaisons();
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByLabel('Staff token').waitFor();
    assert.equal(new URL(page.url()).pathname, '/staff/liaisons');
  });

  it('sends GET /staff/liaisons without a session to sign-in, then back to the liaisons screen', async () => {
    const page = await web.browser.newPage();
    const response = await page.goto(`${web.app.url}/staff/liaisons`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator('#accounts-table').count(), 0, 'no liaison data before sign-in');
    await page.getByLabel('Staff token').fill(STAFF_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Neighborhood Liaisons', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/staff/liaisons');
  });
});
