import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { main } from '../../bot/main.js';

/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test-artifacts');
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
export const DESKTOP_VIEWPORT = { width: 1366, height: 900 } as const;

/** Flags that keep Chromium offline and quiet in a container (see field notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Call from a mocha `before`: skips the suite with a visible reason when
 * Chromium is missing, but fails when CI=true (a skipped browser suite must
 * not pass for a run one there).
 */
export function requireChromium(ctx: Mocha.Context): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const reason = `Chromium not found at ${CHROMIUM_PATH}: browser tests SKIPPED (install Debian "chromium" or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${reason} - failing because CI=true`);
  console.warn(`\n  !! ${reason}\n`);
  ctx.skip();
}

const pageProblems = new WeakMap<Page, string[]>();

/** Content Security Policy violations and uncaught errors the page reported so far. */
export function pageProblemsOf(page: Page): readonly string[] {
  return pageProblems.get(page) ?? [];
}

export interface BrowserSession {
  readonly browser: Browser;
  newPage(options?: { viewport?: { width: number; height: number }; geolocation?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, throw-away profile. */
export async function launchBrowser(): Promise<BrowserSession> {
  // Playwright gives every launch a fresh temporary user-data-dir and deletes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? DESKTOP_VIEWPORT,
        ...(options.geolocation
          ? { permissions: ['geolocation'], geolocation: { latitude: 39.95258, longitude: -75.16522 } }
          : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const problems: string[] = [];
      pageProblems.set(page, problems);
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Writes a screenshot to test-artifacts/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Web Chat selectors (every transcript item is duplicated in a hidden screen-reader region: stay scoped). */
export const WEBCHAT = {
  sendBox: 'input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]',
  bubbles: '.webchat__basic-transcript .webchat__bubble__content',
  botBubbles:
    '.webchat__basic-transcript .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content',
  userBubbles: '.webchat__basic-transcript .webchat__bubble--from-user .webchat__bubble__content',
} as const;

/** Types a message into Web Chat's send box and presses Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.locator(WEBCHAT.sendBox).first();
  await box.fill(text);
  await box.press('Enter');
}

/** Waits until some bot bubble's text matches and returns all bot bubble texts. */
export async function waitForBot(page: Page, pattern: RegExp, timeout = 15_000): Promise<string[]> {
  await page.locator(WEBCHAT.botBubbles).filter({ hasText: pattern }).first().waitFor({ timeout });
  return page.locator(WEBCHAT.botBubbles).allInnerTexts();
}

/** Number of bot bubbles so far (to wait for the next one). */
export function botBubbleCount(page: Page): Promise<number> {
  return page.locator(WEBCHAT.botBubbles).count();
}

/** Waits until there are more than `before` bot bubbles; returns the newest one's text. */
export async function waitForNextBot(page: Page, before: number, timeout = 15_000): Promise<string> {
  await page.locator(WEBCHAT.botBubbles).nth(before).waitFor({ timeout });
  return (await page.locator(WEBCHAT.botBubbles).last().textContent()) ?? '';
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function axeAudit(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) does not apply.
  await page.evaluate(readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: String(v.impact),
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
  });
}

export const STAFF_TOKEN = 'browser-test-staff-token';

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real application (`main`, as `npm start` runs it) on a loopback port
 * with a temporary DATA_DIR; `stop()` shuts it down and removes the data.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'web-e2e-'));
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const lines: string[] = [];
  let listening: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const done = main(
    { PORT: '0', DATA_DIR: dataDir, STAFF_TOKEN, CITY_NAME: 'Philadelphia', LOG_LEVEL: 'warn', ...env },
    { stop: stopped, log: (line) => lines.push(line), onListening: listening },
  );
  const url = await Promise.race([
    ready,
    done.then((code) => {
      throw new Error(`the app exited with ${code} before listening:\n${lines.join('\n')}`);
    }),
  ]);
  return {
    url: url.replace('localhost', '127.0.0.1'),
    dataDir,
    async stop() {
      stop();
      await done;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserApp {
  /** The running app; read it inside a test or hook, not while the suite is being declared. */
  readonly app: RunningApp;
  readonly browser: BrowserSession;
}

/**
 * Call inside a mocha `describe`: `before` checks for Chromium (see
 * `requireChromium`), starts the real app and a browser; `after` closes both.
 */
export function useBrowserApp(env: Record<string, string> = {}): BrowserApp {
  let app: RunningApp | undefined;
  let browser: BrowserSession | undefined;
  before(async function () {
    requireChromium(this);
    app = await startApp(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('useBrowserApp: the app is not started yet (use it inside a test)');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Signs in from the console's sign-in form at `${baseUrl}/staff` and waits for the console. */
export async function signInToStaff(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.getByLabel('Staff token').fill(STAFF_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Staff console' }).waitFor();
}
