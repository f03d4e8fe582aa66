import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  axeAudit,
  DESKTOP_VIEWPORT,
  PHONE_VIEWPORT,
  pageProblemsOf,
  say,
  screenshot,
  signInToStaff,
  useBrowserApp,
  waitForBot,
} from '../helpers/browser.js';

/** A test set in the project's own words, in the format of the evaluation files. */
const TEST_SET = path.resolve('test', 'fixtures', 'staff-test-set.jsonl');

describe('Staff console in Chromium (real app, real bot)', function () {
  this.timeout(90_000);
  const web = useBrowserApp();

  async function signIn(viewport: { width: number; height: number } = DESKTOP_VIEWPORT): Promise<Page> {
    const page = await web.browser.newPage({ viewport });
    await signInToStaff(page, web.app.url);
    await waitForBot(page, /311 assistant/);
    return page;
  }

  /** The explanation card of the answer to `question`. */
  function explanation(page: Page, question: string) {
    return page.locator('#explain-list li', { has: page.locator('.explain-q', { hasText: question }) });
  }

  it('refuses a wrong staff token with 401 and keeps the console closed', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.app.url}/staff`);
    await page.getByLabel('Staff token').fill('not-the-token');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/staff/login')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.equal(response.status(), 401);
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    assert.equal(await page.locator('#webchat').count(), 0);
    const violations = await axeAudit(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  });

  it('shows the outcome, topic, confidence and close alternatives beside an answer, and takes a correction', async () => {
    const page = await signIn();
    const question = 'how do i get a free smoke alarm';
    await say(page, question);
    await waitForBot(page, /smoke alarms for free/);
    const card = explanation(page, question);
    await card.waitFor();
    // Rendered text: each term and value on its own line.
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's rendered text, not a DOM property
    const text = await card.innerText();
    assert.match(text, /Outcome\s+answer/);
    assert.match(text, /Topic\s+Free smoke alarms \(smoke-alarm\)/);
    assert.match(text, /Confidence\s+\d{1,3}%/);
    assert.match(text, /Came close/);
    assert.match(text, /Matched\s+(title|question|keyword|body): /);
    assert.deepEqual(pageProblemsOf(page), [], 'no CSP violation or script error');

    await card.getByRole('button', { name: 'Wrong answer' }).click();
    await card.getByLabel('Right topic').selectOption('drop-off-centers');
    await card.getByRole('button', { name: 'Save correction' }).click();
    await card.getByText(/Corrected: the right topic is .*drop-off-centers/).waitFor();
    const exported = await page.request.get(`${web.app.url}/api/staff/corrections`);
    const { corrections } = (await exported.json()) as { corrections: Record<string, unknown>[] };
    assert.equal(corrections.length, 1);
    assert.deepEqual(
      [corrections[0]?.question, corrections[0]?.answeredTopic, corrections[0]?.correctTopic],
      [question, 'smoke-alarm', 'drop-off-centers'],
    );
  });

  it('shows a resident’s markup as text in the console', async () => {
    const page = await signIn();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const attack = '<img src=x onerror=alert(1)>';
    await say(page, attack);
    await explanation(page, attack).waitFor();
    assert.equal(await page.locator('.explain-q').first().textContent(), `“${attack}”`);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(dialogs, 0);
    assert.deepEqual(
      pageProblemsOf(page),
      [],
      'not even a blocked inline handler: the markup never became HTML',
    );
  });

  it('runs a test set through the bot and shows pass/fail per question and accuracy per style', async () => {
    const page = await signIn();
    const lines = readFileSync(TEST_SET, 'utf8').trim().split('\n').slice(0, 12);
    await page.getByLabel('Or paste the lines').fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Run test set' }).click();
    await page.locator('#testset-status', { hasText: /Done: \d+ of 12 passed/ }).waitFor({ timeout: 30_000 });
    const rows = page.locator('#testset-results tbody tr');
    assert.equal(await rows.count(), 12);
    const results = await rows.locator('td:first-child').allInnerTexts();
    assert.ok(results.every((r) => r === 'pass' || r === 'fail'));
    const styles = new Set(lines.map((l) => (JSON.parse(l) as { style: string }).style));
    assert.equal(await page.locator('#testset-styles tbody tr').count(), styles.size);
    const file = path.join(web.app.dataDir, 'conversations.json');
    const references = existsSync(file) ? readFileSync(file, 'utf8') : '';
    assert.ok(!references.includes('staff-test'), 'test-set questions leave no conversation references');
    const passed = results.filter((r) => r === 'pass').length;
    assert.match(
      (await page.locator('#testset-status').textContent()) ?? '',
      new RegExp(`Done: ${passed} of 12 passed`),
    );
  });

  it('passes the accessibility audit and looks right on a phone and a desktop', async () => {
    for (const [name, viewport] of [
      ['phone', PHONE_VIEWPORT],
      ['desktop', DESKTOP_VIEWPORT],
    ] as const) {
      const page = await signIn(viewport);
      await say(page, 'how do i get a free smoke alarm');
      await explanation(page, 'how do i get a free smoke alarm').waitFor();
      const violations = await axeAudit(page);
      assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
      await screenshot(page, `staff-console-${name}`);
    }
  });
});
