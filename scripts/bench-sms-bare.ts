/**
 * The bare handler of the SMS benchmarks: express checking the same Twilio
 * signature as the SMS channel and returning the same empty TwiML, with no
 * bot behind it (the ceiling of the HTTP stack). bench-sms-server.ts runs it
 * beside the bot; run by itself (forked, with an IPC channel) it serves alone
 * and sends `{ type: 'ready', url }`, for benchmarks whose bot is another
 * process (bench-sms-postgres.ts). It stops when its parent kills it.
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { EMPTY_TWIML } from '../channels/sms/sms-channel.js';
import { verifyTwilioSignature } from '../channels/sms/twilio-signature.js';
import { TEST_AUTH_TOKEN } from '../test/helpers/twilio-webhook.js';

export const BENCH_PUBLIC_URL = 'https://311.example.org';

export interface BareHandler {
  /** `http://127.0.0.1:<port>/sms` */
  readonly url: string;
  close(): void;
}

export async function startBareHandler(): Promise<BareHandler> {
  const bare = express();
  bare.post('/sms', express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
    const ok = verifyTwilioSignature({
      authToken: TEST_AUTH_TOKEN,
      url: `${BENCH_PUBLIC_URL}/sms`,
      params: req.body ?? {},
      signature: req.get('x-twilio-signature'),
    });
    if (!ok) res.status(403).send('Invalid Twilio signature');
    else res.status(200).type('text/xml').send(EMPTY_TWIML);
  });
  const server = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startBareHandler();
  process.send({ type: 'ready', url });
}
