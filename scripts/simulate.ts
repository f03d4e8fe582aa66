/**
 * Chat with a channel from the terminal, through its real webhook:
 *
 *   npm run simulate -- sms [--from +12155550199] [--data-dir ./data-sim]
 *
 * Starts the app on loopback with test credentials and a fake Twilio API,
 * then signs each line you type exactly as Twilio would and POSTs it to
 * /sms; what the bot sends back (what the fake Twilio received) is printed.
 * Lines starting with "/" are commands:
 *   /photo <url> [text]   send an MMS with a photo
 *   /from <number>        text from another phone number
 *   /quit                 stop (Ctrl-D works too)
 * Without --data-dir, requests and state go to a temporary folder removed at exit.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startChannelStack } from '../test/helpers/channel-stack.js';
import { startFakeTwilio } from '../test/helpers/fake-twilio.js';
import {
  postTwilioWebhook,
  smsParams,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_BOT_NUMBER,
} from '../test/helpers/twilio-webhook.js';

const PUBLIC_URL = 'https://311.example.org';

async function simulateSms(options: { from: string }): Promise<number> {
  const twilio = await startFakeTwilio();
  const stack = await startChannelStack({
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_FROM: TEST_BOT_NUMBER,
    TWILIO_API_URL: twilio.url,
  });
  let from = options.from;
  console.log(
    `SMS simulator: you are ${from}, the bot is ${TEST_BOT_NUMBER}. /photo <url>, /from <number>, /quit.`,
  );
  const lines = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  const prompt = () => {
    if (process.stdin.isTTY) lines.setPrompt('you> ');
    if (process.stdin.isTTY) lines.prompt();
  };
  prompt();
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) {
        prompt();
        continue;
      }
      if (line === '/quit') break;
      if (line.startsWith('/from ')) {
        from = line.slice('/from '.length).trim();
        console.log(`(now texting from ${from})`);
        prompt();
        continue;
      }
      let body = line;
      let media: { url: string; contentType: string }[] = [];
      if (line.startsWith('/photo ')) {
        const [, url = '', ...rest] = line.split(/\s+/);
        media = [{ url, contentType: 'image/jpeg' }];
        body = rest.join(' ');
      }
      if (!process.stdin.isTTY) console.log(`you> ${line}`);
      const before = twilio.sent.length;
      const res = await postTwilioWebhook(`${stack.url}/sms`, smsParams({ from, body, media }), {
        signedUrl: `${PUBLIC_URL}/sms`,
      });
      if (res.status !== 200) console.log(`(webhook answered ${res.status}: ${res.body})`);
      await stack.idle();
      const replies = twilio.sent.slice(before);
      if (replies.length === 0) console.log('(no reply)');
      for (const reply of replies) {
        const mms = reply.mediaUrls.length > 0 ? ` [media: ${reply.mediaUrls.join(', ')}]` : '';
        console.log(`bot> ${reply.body.replace(/\n/g, '\n     ')}${mms}  (${reply.body.length} chars)`);
      }
      prompt();
    }
  } finally {
    lines.close();
    await stack.close();
    await twilio.close();
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { from: { type: 'string', default: '+12155550199' } },
  });
  const channel = positionals[0] ?? 'sms';
  if (channel !== 'sms') {
    console.error(`unknown channel "${channel}"; channels: sms`);
    return 2;
  }
  return simulateSms({ from: values.from });
}

process.exitCode = await main(process.argv.slice(2));
