import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  axeAudit,
  type BrowserSession,
  botBubbleCount,
  DESKTOP_VIEWPORT,
  PHONE_VIEWPORT,
  pageProblemsOf,
  say,
  screenshot,
  useBrowserApp,
  WEBCHAT,
  waitForBot,
  waitForNextBot,
} from '../helpers/browser.js';

const WELCOME = /Philadelphia 311 assistant/;
/** An 8x8 red PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc0000001149444154789c6338636c8c15310c2d09000aca4c81d54fd86e0000000049454e44ae426082',
  'hex',
);

describe('Resident web chat in Chromium (real app, real bot)', function () {
  this.timeout(60_000);
  const web = useBrowserApp();

  async function openChat(options: Parameters<BrowserSession['newPage']>[0] = {}): Promise<Page> {
    const page = await web.browser.newPage(options);
    await page.goto(`${web.app.url}/`);
    await waitForBot(page, WELCOME);
    return page;
  }

  it('shows the city, greets, offers choices as buttons and answers a question from the knowledge base', async () => {
    const page = await openChat();
    assert.equal(await page.locator('h1').textContent(), 'Ask Philadelphia 311');
    const choices = page.getByRole('toolbar', { name: /suggested actions/i }).getByRole('button');
    assert.ok((await choices.count()) >= 2, 'the welcome offers choices as buttons');
    await say(page, 'how do i get a free smoke alarm');
    const bubbles = await waitForBot(page, /installs smoke alarms for free/);
    assert.match(bubbles.at(-1) ?? '', /Fire Department installs smoke alarms for free/);
    assert.deepEqual(pageProblemsOf(page), [], 'no CSP violation or script error');
  });

  it('keeps the conversation across a reload of the tab (no second welcome)', async () => {
    const page = await openChat();
    await say(page, 'how do i get a free smoke alarm');
    await waitForBot(page, /smoke alarms for free/);
    await page.reload();
    await waitForBot(page, /smoke alarms for free/);
    await page.locator(WEBCHAT.userBubbles, { hasText: 'how do i get a free smoke alarm' }).first().waitFor();
    assert.equal(await page.locator(WEBCHAT.botBubbles).filter({ hasText: WELCOME }).count(), 1);
    const before = await botBubbleCount(page);
    await say(page, 'how do i get a free smoke alarm');
    await waitForNextBot(page, before);
    assert.deepEqual(pageProblemsOf(page), []);
  });

  it('can be used with the keyboard alone: Tab to the send box, type, Enter', async () => {
    const page = await openChat({ geolocation: true });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input',
      );
    }
    assert.ok(reached, 'the send box is reachable with Tab');
    // The welcome's choices are one toolbar: Shift+Tab reaches it, arrow keys move, Enter presses.
    const focusedChoice = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[role="toolbar"]')
          ? (document.activeElement.textContent ?? '')
          : undefined,
      );
    let choice = await focusedChoice();
    for (let i = 0; i < 5 && choice === undefined; i++) {
      await page.keyboard.press('Shift+Tab');
      choice = await focusedChoice();
    }
    assert.notEqual(choice, undefined, 'the choices are reachable with Shift+Tab');
    for (let i = 0; i < 6 && choice !== 'Trash day'; i++) {
      await page.keyboard.press('ArrowRight');
      choice = await focusedChoice();
    }
    assert.equal(choice, 'Trash day', 'arrow keys reach a choice');
    const before = await botBubbleCount(page);
    await page.keyboard.press('Enter');
    await waitForNextBot(page, before);
    await page.locator(WEBCHAT.userBubbles, { hasText: 'Trash day' }).first().waitFor();
    // Back to the send box with Tab, type, Enter.
    const focusedId = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.id ?? '',
      );
    for (let i = 0; i < 10 && (await focusedId()) !== 'webchat-sendbox-input'; i++)
      await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'webchat-sendbox-input');
    await page.keyboard.type('how do i get a free smoke alarm');
    await page.keyboard.press('Enter');
    await waitForBot(page, /smoke alarms for free/);
    // "Share my location" is a few Tab stops further and works with Enter.
    for (let i = 0; i < 10 && (await focusedId()) !== 'share-location'; i++) await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'share-location');
    await page.keyboard.press('Enter');
    await page.locator('#location-status', { hasText: /shared/ }).waitFor();
  });

  it('shows what a resident typed as text, never as HTML', async () => {
    const page = await openChat();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const attack = '<img src=x onerror=alert(1)>';
    await say(page, attack);
    await page.locator(WEBCHAT.userBubbles, { hasText: attack }).first().waitFor();
    await page.waitForTimeout(1_000);
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img> element was created');
    assert.equal(dialogs, 0, 'no script ran');
    assert.deepEqual(
      pageProblemsOf(page),
      [],
      'not even a blocked inline handler: the markup never became HTML',
    );
  });

  it('sends the browser location as a GeoCoordinates entity with "Share my location"', async () => {
    const page = await openChat({ geolocation: true });
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && /\/directline\/conversations\/[^/]+\/activities$/.test(r.url()),
    );
    await page.click('#share-location');
    const body = (await posted).postDataJSON() as { entities?: { type: string; latitude: number }[] };
    const geo = body.entities?.find((e) => e.type === 'GeoCoordinates');
    assert.equal(geo?.latitude, 39.95258);
    await page.locator(WEBCHAT.userBubbles, { hasText: 'My location' }).first().waitFor();
    assert.match((await page.locator('#location-status').textContent()) ?? '', /shared/);
  });

  it('attaches a photo with the upload button (stored, served back) and refuses a file that is not an image', async () => {
    const page = await openChat();
    const before = await botBubbleCount(page);
    const upload = page.waitForResponse((r) => /\/upload\?/.test(r.url()));
    await page
      .locator('.webchat input[type="file"]')
      .setInputFiles({ name: 'hole.png', mimeType: 'image/png', buffer: PNG });
    assert.equal((await upload).status(), 200);
    await waitForNextBot(page, before);
    const stored = readdirSync(path.join(web.app.dataDir, 'uploads'));
    assert.equal(stored.length, 1);
    const photo = await page.request.get(`${web.app.url}/media/${stored[0]}`);
    assert.equal(photo.headers()['content-type'], 'image/png');
    assert.deepEqual(Buffer.from(await photo.body()), PNG);

    const refused = page.waitForResponse((r) => /\/upload\?/.test(r.url()));
    await page.locator('.webchat input[type="file"]').setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    assert.equal((await refused).status(), 415);
    assert.equal(readdirSync(path.join(web.app.dataDir, 'uploads')).length, 1, 'nothing else was stored');
  });

  it('passes an automated accessibility audit (axe-core: no serious or critical violations)', async () => {
    const page = await openChat();
    await say(page, 'how do i get a free smoke alarm');
    await waitForBot(page, /smoke alarms for free/);
    for (const [name, url] of [
      ['chat', '/'],
      ['kb index', '/kb'],
      ['kb article', '/kb/pothole'],
    ] as const) {
      if (url !== '/') await page.goto(`${web.app.url}${url}`);
      const violations = await axeAudit(page);
      assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
    }
  });

  it('publishes the knowledge base: an index and one readable page per article', async () => {
    const page = await web.browser.newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${web.app.url}/kb`);
    await page.getByRole('link', { name: 'Report a pothole' }).click();
    await page.waitForURL(/\/kb\/pothole$/);
    assert.equal(await page.locator('h1').textContent(), 'Report a pothole');
    assert.match((await page.locator('article').textContent()) ?? '', /3 business days/);
    await screenshot(page, 'kb-article-phone');
  });

  it('looks right on a phone and on a desktop (screenshots in test-artifacts/)', async () => {
    for (const [name, viewport] of [
      ['phone', PHONE_VIEWPORT],
      ['desktop', DESKTOP_VIEWPORT],
    ] as const) {
      const page = await openChat({ viewport });
      await say(page, 'how do i get a free smoke alarm');
      await waitForBot(page, /smoke alarms for free/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `${name}: no sideways scrolling (${width}px wide)`);
      await screenshot(page, `resident-${name}`);
    }
  });
});
