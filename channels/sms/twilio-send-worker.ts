/**
 * The thread Twilio's REST calls run on (started by channels/sms/threaded-sender.ts):
 * the official client over our HTTP client, one call per message the main
 * thread posts, answered with the message sid or the error Twilio gave.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TwilioConfig } from '../../bot/config.js';
import { batchedPost, type SendRequest, type SendResult } from './threaded-sender.js';
import { createTwilioSender, twilioErrorCode } from './twilio-sender.js';

const port = parentPort;
if (!port) throw new Error('twilio-send-worker runs as a worker thread (see threaded-sender.ts)');
const sender = createTwilioSender(workerData as TwilioConfig);

const answer = batchedPost((results: SendResult[]) => port.postMessage(results));

async function send(request: SendRequest): Promise<void> {
  let result: SendResult;
  try {
    result = { id: request.id, sid: await sender.send(request.message) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    result = { id: request.id, error: { message, code: twilioErrorCode(error) } };
  }
  answer(result);
}

port.on('message', (batch: SendRequest[]) => {
  for (const request of batch) void send(request);
});
