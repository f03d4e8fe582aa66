/**
 * Chat with a channel from the terminal, through its real webhook:
 *
 *   npm run simulate -- sms [--from +12155550199] [--data-dir ./data-sim] [--verbose]
 *   npm run simulate -- slack [--from U0RESIDENT]
 *   npm run simulate -- x [--from 2244994945]
 *
 * Starts the app (bot/main.ts's `main`, as `npm start` does) on loopback with
 * test credentials and a fake of the provider's API, then signs each line you
 * type exactly as the provider would and POSTs it to the webhook; what the
 * bot sends back (what the fake API received) is printed. State and requests
 * live in a temporary folder (or --data-dir); --verbose shows the app's logs.
 * Lines starting with "/" are commands:
 *   /photo <url> [text]   (sms) send an MMS with a photo
 *   /from <id>            talk as someone else
 *   /quit                 stop (Ctrl-D works too)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { main as startApp } from '../bot/main.js';
import {
  dmEvent,
  eventEnvelope,
  postSlack,
  startFakeSlack,
  TEST_SLACK_SECRET,
  TEST_SLACK_TOKEN,
} from '../test/helpers/fake-slack.js';
import { startFakeTwilio } from '../test/helpers/fake-twilio.js';
import {
  dmPayload,
  postXWebhook,
  startFakeX,
  TEST_X_BOT_ID,
  TEST_X_SECRET,
  TEST_X_TOKEN,
} from '../test/helpers/fake-x.js';
import { postTwilioWebhook, smsParams, testTwilioEnv } from '../test/helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';

/** One simulated channel: how to start its fake, send a line, and read what the bot sent. */
interface Driver {
  readonly env: Record<string, string>;
  readonly defaultFrom: string;
  /** Sends one line as `from`; resolves with the webhook's HTTP status. */
  send(base: string, from: string, line: string): Promise<number>;
  /** Everything the bot has sent so far, as printable lines. */
  sent(): string[];
  close(): Promise<void>;
}

async function smsDriver(): Promise<Driver> {
  const twilio = await startFakeTwilio();
  return {
    env: {
      PUBLIC_URL,
      ...testTwilioEnv(twilio.url),
    },
    defaultFrom: '+12155550199',
    async send(base, from, line) {
      let body = line;
      let media: { url: string; contentType: string }[] = [];
      if (line.startsWith('/photo ')) {
        const [, url = '', ...rest] = line.split(/\s+/);
        media = [{ url, contentType: 'image/jpeg' }];
        body = rest.join(' ');
      }
      const res = await postTwilioWebhook(`${base}/sms`, smsParams({ from, body, media }), {
        signedUrl: `${PUBLIC_URL}/sms`,
      });
      return res.status;
    },
    sent: () =>
      twilio.sent.map(
        (m) =>
          `${m.body}${m.mediaUrls.length > 0 ? ` [media: ${m.mediaUrls.join(', ')}]` : ''}  (${m.body.length} chars)`,
      ),
    close: () => twilio.close(),
  };
}

async function slackDriver(): Promise<Driver> {
  const slack = await startFakeSlack();
  return {
    env: {
      SLACK_SIGNING_SECRET: TEST_SLACK_SECRET,
      SLACK_BOT_TOKEN: TEST_SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
    },
    defaultFrom: 'U0RESIDENT',
    async send(base, from, line) {
      return (await postSlack(`${base}/slack/events`, eventEnvelope(dmEvent(from, line)))).status;
    },
    sent: () =>
      slack.posts.map((p) => {
        const actions = p.blocks?.find((b) => b.type === 'actions') as
          | { elements: { text: { text: string } }[] }
          | undefined;
        const buttons = actions ? ` [buttons: ${actions.elements.map((e) => e.text.text).join(' | ')}]` : '';
        return `${p.blocks ? ((p.blocks[0] as { text?: { text?: string } }).text?.text ?? '') : p.text}${buttons}`;
      }),
    close: () => slack.close(),
  };
}

async function xDriver(): Promise<Driver> {
  const x = await startFakeX();
  return {
    env: {
      X_CONSUMER_SECRET: TEST_X_SECRET,
      X_ACCESS_TOKEN: TEST_X_TOKEN,
      X_BOT_USER_ID: TEST_X_BOT_ID,
      X_API_URL: x.url,
    },
    defaultFrom: '2244994945',
    async send(base, from, line) {
      return (
        await postXWebhook(`${base}/x/webhook`, JSON.stringify(dmPayload([{ senderId: from, text: line }])))
      ).status;
    },
    sent: () => x.sent.map((m) => m.text),
    close: () => x.close(),
  };
}

const DRIVERS: Readonly<Record<string, () => Promise<Driver>>> = {
  sms: smsDriver,
  slack: slackDriver,
  x: xDriver,
};

/** Replies of one turn: wait for the first, then until the bot has been quiet a moment. */
async function repliesAfter(driver: Driver, before: number): Promise<string[]> {
  const start = Date.now();
  let count = before;
  let changedAt = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = driver.sent().length;
    if (now !== count) {
      count = now;
      changedAt = Date.now();
    }
    const quietFor = Date.now() - changedAt;
    if (count > before && quietFor >= QUIET_MS) break;
    if (count === before && Date.now() - start >= NO_REPLY_MS) break;
  }
  return driver.sent().slice(before);
}

const QUIET_MS = 300;
const NO_REPLY_MS = 2000;

interface SimulateOptions {
  readonly from: string;
  readonly dataDir?: string;
  readonly verbose: boolean;
}

async function simulate(channel: string, driver: Driver, options: SimulateOptions): Promise<number> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'simulate-')));
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let base = '';
  const listening = new Promise<string>((resolve) => {
    void startApp(
      { ...driver.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: options.verbose ? 'debug' : 'error' },
      { stop: stopped, onListening: resolve, log: (line) => process.stderr.write(`${line}\n`) },
    ).then((code) => {
      if (!base) {
        console.error(`the app did not start (exit code ${code})`);
        process.exit(code);
      }
    });
  });
  base = (await listening).replace('localhost', '127.0.0.1');
  let from = options.from;
  console.log(
    `${channel} simulator: you are ${from}. /from <id>, /quit${channel === 'sms' ? ', /photo <url>' : ''}.`,
  );
  const tty = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  lines.on('SIGINT', () => lines.close());
  const prompt = () => {
    if (!tty) return;
    lines.setPrompt('you> ');
    lines.prompt();
  };
  prompt();
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '/quit') break;
      if (line.startsWith('/from ')) {
        from = line.slice('/from '.length).trim();
        console.log(`(now ${from})`);
      } else if (line) {
        if (!tty) console.log(`you> ${line}`);
        const before = driver.sent().length;
        const status = await driver.send(base, from, line);
        if (status !== 200) console.log(`(webhook answered ${status})`);
        const replies = await repliesAfter(driver, before);
        if (replies.length === 0) console.log('(no reply)');
        for (const reply of replies) console.log(`bot> ${reply.replace(/\n/g, '\n     ')}`);
      }
      prompt();
    }
  } finally {
    lines.close();
    stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await driver.close();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      'data-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const channel = positionals[0] ?? 'sms';
  const makeDriver = DRIVERS[channel];
  if (!makeDriver) {
    console.error(`unknown channel "${channel}"; channels: ${Object.keys(DRIVERS).join(', ')}`);
    return 2;
  }
  const driver = await makeDriver();
  return simulate(channel, driver, {
    from: values.from ?? driver.defaultFrom,
    dataDir: values['data-dir'],
    verbose: values.verbose,
  });
}

process.exitCode = await main(process.argv.slice(2));
