import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultGeocoderFile, fileGeocoder, loadAddressFile } from '../../requests/geocoder/index.js';
import {
  botBubbleCount,
  STAFF_TOKEN,
  say,
  screenshot,
  signInToStaff,
  useBrowserApp,
  WEBCHAT,
  waitForBot,
  waitForNextBot,
} from '../helpers/browser.js';

/** An 8x8 PNG, the resident's photo of the pothole. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc0000001149444154789c6338636c8c15310c2d09000aca4c81d54fd86e0000000049454e44ae426082',
  'hex',
);

interface StaffRequest {
  id: string;
  status: string;
  mediaUrl: string | null;
  channel: string;
  location: { address?: string };
  district: string | null;
}

describe('A service request through web chat, followed up in the staff console (Chromium, real app)', function () {
  this.timeout(120_000);
  const web = useBrowserApp();

  /** Presses a choice button (suggested action) and waits for the bot's next message. */
  async function press(page: Page, label: string): Promise<string> {
    const before = await botBubbleCount(page);
    await page
      .getByRole('toolbar', { name: /suggested actions/i })
      .getByRole('button', { name: label, exact: true })
      .click();
    return waitForNextBot(page, before);
  }

  async function send(page: Page, text: string): Promise<string> {
    const before = await botBubbleCount(page);
    await say(page, text);
    return waitForNextBot(page, before);
  }

  it('files a pothole with buttons and a photo, gives a tracking number, and tells the resident of a status change', async () => {
    const resident = await web.browser.newPage();
    await resident.goto(`${web.app.url}/`);
    await waitForBot(resident, /311 assistant/);

    assert.match(await send(resident, 'there is a pothole in front of 1234 Spruce St'), /How big|how big/);
    assert.match(await press(resident, 'About a tire wide'), /Where in the street/);
    assert.match(await press(resident, 'In a travel lane'), /Anything to add\? Send a photo/);
    const before = await botBubbleCount(resident);
    await resident.locator('.webchat input[type="file"]').setInputFiles({
      name: 'pothole.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    assert.match(await waitForNextBot(resident, before), /Thanks for the photo\.[\s\S]*1234 Spruce St/);
    const filed = await press(resident, 'Yes');
    const tracking = /tracking number is #?(\d{8})/.exec(filed)?.[1];
    assert.ok(tracking, `a tracking number in: ${filed}`);

    // The request is stored, from web chat, with the photo the resident attached.
    const listed = await fetch(`${web.app.url}/api/requests`, {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    const { requests } = (await listed.json()) as { requests: StaffRequest[] };
    const stored = requests.find((r) => r.id === tracking);
    assert.ok(stored, 'the request is in the store');
    assert.equal(stored.channel, 'directline');
    assert.equal(stored.location.address, '1234 Spruce St');
    assert.match(stored.mediaUrl ?? '', /\/media\/[a-f0-9]{32}\.png$/);
    // Placed by the default geocoder (the offline sample): the districts of that block.
    const [place] =
      (await fileGeocoder(await loadAddressFile(defaultGeocoderFile())).search('1234 Spruce St')) ?? [];
    const { council, police, sanitation } = place?.districts ?? {};
    assert.ok(council && police && sanitation, 'the sample gives 1234 Spruce St its districts');
    const district = `Council ${council}, Police ${police}, Sanitation ${sanitation}`;
    assert.equal(stored.district, district);
    const photo = await fetch(stored.mediaUrl ?? '');
    assert.equal(photo.headers.get('content-type'), 'image/png');

    // Staff see it in the console and move it on; the resident's open chat hears of it.
    const staff = await web.browser.newPage();
    await signInToStaff(staff, web.app.url);
    const row = staff.locator('#requests-table tbody tr', { hasText: tracking });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /received/);
    assert.equal(await row.getByRole('link', { name: 'Photo' }).getAttribute('href'), stored.mediaUrl);
    // The district shows in its own column, under its heading.
    const headings = await staff.locator('#requests-table thead th').allTextContents();
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[headings.indexOf('District')], district);
    await row.getByLabel(`New status for ${tracking}`).selectOption('in-progress');
    await row.getByLabel(`Note for ${tracking} (shown to the resident)`).fill('A crew is on the way.');
    const noticesBefore = await botBubbleCount(resident);
    await row.getByRole('button', { name: 'Update' }).click();
    await staff.locator('#requests-status', { hasText: `${tracking} is now in-progress` }).waitFor();
    assert.equal(await row.locator('.request-status').textContent(), 'in-progress');
    await screenshot(staff, 'staff-console-requests');

    const notice = await waitForNextBot(resident, noticesBefore);
    assert.match(notice, new RegExp(tracking));
    assert.match(notice, /in progress/i);
    assert.equal(
      await resident.locator(WEBCHAT.botBubbles).filter({ hasText: tracking }).count(),
      2,
      'the filing reply and the status notice',
    );
    await screenshot(resident, 'resident-request-filed');
  });
});
