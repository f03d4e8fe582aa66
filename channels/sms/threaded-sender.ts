/**
 * Twilio's REST calls on their own thread. Sending a reply (the twilio
 * package's layers, the HTTP request, the socket write, reading and parsing
 * the answer) was a large share of a message's CPU time, on the event loop
 * that also acknowledges webhooks. On a worker, with batched posting, one
 * process sent 1,040-1,220 replies/s instead of 760-840
 * (`npm run bench -- sms`, this session's runs on a 2-CPU machine).
 * The main thread posts each message to a worker (channels/sms/
 * twilio-send-worker.ts) running the official client over our HTTP client,
 * and gets back the message sid or Twilio's error code.
 *
 * - The worker starts with the first message and holds the process open
 *   only while a message is on its way.
 * - If it dies, messages in flight fail (PROVIDER_FAILED, as a refused call
 *   does) and the next message starts a new one.
 * - `close()` stops it (shutdown, tests).
 */
import { Worker } from 'node:worker_threads';
import type { TwilioConfig } from '../../bot/config.js';
import { type Logger, silentLogger } from '../../bot/logger.js';
import { ChannelError } from '../common/channel-error.js';
import type { OutgoingSms, SmsSender } from './twilio-sender.js';

/** Main thread -> worker. */
export interface SendRequest {
  readonly id: number;
  readonly message: OutgoingSms;
}

/** Worker -> main thread: the sid, or what Twilio (or the connection) said. */
export type SendResult =
  | { readonly id: number; readonly sid: string }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: number } };

export interface ThreadedSmsSender extends SmsSender {
  /** Stops the worker; messages still on their way fail. */
  close(): Promise<void>;
}

const WORKER_YOUNG_GENERATION_MB = 4;
const here = import.meta.url;
const FROM_SOURCES = here.endsWith('.ts');
const WORKER_FILE = new URL(`./twilio-send-worker${FROM_SOURCES ? '.ts' : '.js'}`, here);

/**
 * Compiled (npm start) the worker is the .js file. Run from the TypeScript
 * sources (tests, tools, start:dev) a worker does not inherit tsx's loader,
 * so it registers it before importing the .ts file.
 */
function startWorker(workerData: TwilioConfig): Worker {
  // A small young generation: the thread holds a few requests at a time, not the bot's state.
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
  if (!FROM_SOURCES) return new Worker(WORKER_FILE, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * Collects what one event-loop turn posts and sends it as one message on the
 * next (setImmediate): posting between threads costs about as much per
 * message as per batch, and a busy server sends several replies a turn.
 */
export function batchedPost<T>(post: (batch: T[]) => void): (item: T) => void {
  let batch: T[] = [];
  return (item) => {
    batch.push(item);
    if (batch.length > 1) return;
    setImmediate(() => {
      const ready = batch;
      batch = [];
      post(ready);
    });
  };
}

interface Pending {
  readonly resolve: (sid: string) => void;
  readonly reject: (error: Error) => void;
}

export function createThreadedTwilioSender(
  config: TwilioConfig,
  logger: Logger = silentLogger,
): ThreadedSmsSender {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  let post = (_request: SendRequest): void => {};

  const settle = (result: SendResult, from: Worker): void => {
    const waiting = pending.get(result.id);
    if (!waiting) return;
    pending.delete(result.id);
    if (pending.size === 0) from.unref();
    if ('sid' in result) waiting.resolve(result.sid);
    else
      waiting.reject(
        new ChannelError('PROVIDER_FAILED', 'Twilio did not accept the message', { cause: result.error }),
      );
  };

  const start = (): Worker => {
    const started = startWorker(config);
    started.unref();
    started.on('message', (results: SendResult[]) => {
      for (const result of results) settle(result, started);
    });
    started.on('error', (error) => logger.error('Twilio sender thread failed', { error }));
    started.on('exit', (exitCode) => {
      if (worker === started) worker = undefined;
      for (const waiting of pending.values()) {
        waiting.reject(new ChannelError('PROVIDER_FAILED', `the Twilio sender thread stopped (${exitCode})`));
      }
      pending.clear();
    });
    post = batchedPost((batch: SendRequest[]) => {
      if (worker === started) started.postMessage(batch);
    });
    return started;
  };

  return {
    send(message) {
      worker ??= start();
      const target = worker;
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (pending.size === 1) target.ref();
        post({ id, message: { to: message.to, body: message.body, mediaUrls: [...message.mediaUrls] } });
      });
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      if (stopping) await stopping.terminate();
    },
  };
}
