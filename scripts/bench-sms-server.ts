/**
 * The server side of the SMS benchmark, run as a child process so the load
 * generator does not share its event loop: the real app and bot (as in the
 * end-to-end tests, DATA_DIR in a temporary folder) with the SMS channel
 * replying to the fake Twilio API of the parent, and beside it a bare express
 * handler that checks the same signature and returns the same TwiML
 * (bench-sms-bare.ts).
 * Talks to the parent over the IPC channel: ready / drain (with CPU time used so far) / stop.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { silentLogger } from '../bot/logger.js';
import { startChannelStack } from '../test/helpers/channel-stack.js';
import { testTwilioEnv } from '../test/helpers/twilio-webhook.js';
import { BENCH_PUBLIC_URL, startBareHandler } from './bench-sms-bare.js';

export { BENCH_PUBLIC_URL };

/** About the length of a one-message answer. */
const FLOOR_REPLY =
  'Trash and recycling are collected once a week on the same day. Put them out after 7 p.m. the night before and before 7 a.m. on collection day.';

export type ToServer = { type: 'drain' } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; bot: string; floor: string; bare: string }
  | {
      type: 'drained';
      ms: number;
      rssMb: number;
      cpuMs: number;
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
    };

async function serve(): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  const twilioEnv = {
    PUBLIC_URL: BENCH_PUBLIC_URL,
    ...testTwilioEnv(process.env.BENCH_TWILIO_URL ?? ''),
  };
  const stack = await startChannelStack(twilioEnv, silentLogger);

  // The pipeline floor: the same app, channel, state and pipeline, with a turn that only echoes.
  const floor = await startChannelStack(twilioEnv, silentLogger, {
    turn: async (context) => {
      await context.sendActivity(FLOOR_REPLY);
    },
  });

  const bare = await startBareHandler();

  // How long the event loop was blocked (the acknowledgement waits for it), reset at each drain.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.on('message', async (message: ToServer) => {
    if (message.type === 'drain') {
      const start = performance.now();
      await Promise.all([stack.idle(), floor.idle()]);
      const cpu = process.cpuUsage();
      send({
        type: 'drained',
        ms: performance.now() - start,
        rssMb: process.memoryUsage().rss / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      });
      loopDelay.reset();
    } else if (message.type === 'stop') {
      bare.close();
      await stack.close();
      await floor.close();
      process.exit(0);
    }
  });
  send({
    type: 'ready',
    bot: `${stack.url}/sms`,
    floor: `${floor.url}/sms`,
    bare: bare.url,
  });
}

if (process.send) await serve();
