import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { usePipeline } from '../../bot/pipeline.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import { ConsoleAdapter } from '../../channels/console/index.js';

/**
 * Mocha hooks for the real bot behind the console adapter: the shipped
 * knowledge base, emergency screen and pipeline, state in memory. `say` sends
 * one message in a conversation and answers the bot's replies to it.
 */
export function useConsoleBot(): {
  say(text: string, conversation: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
} {
  let runtime: Runtime;
  let adapter: ConsoleAdapter;
  before(async () => {
    runtime = await createRuntime({ config: loadConfig({}), logger: silentLogger, inMemory: true });
    adapter = usePipeline(new ConsoleAdapter(), {
      bot: runtime.bot,
      emergency: runtime.emergency,
      logger: silentLogger,
    });
  });
  after(() => runtime.close());
  return {
    say: (text, conversation, extra = {}) =>
      adapter.process({ ...adapter.message(text, conversation), ...extra }, runtime.bot.run),
  };
}
