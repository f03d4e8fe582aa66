/**
 * Ask the bot from the command line, through the same turn pipeline the
 * channels use (ConsoleAdapter + usePipeline + the real bot), state in memory.
 *
 *   npm run --silent ask -- "when is trash picked up"   # prints the bot's reply
 *   npm run --silent ask -- --json < questions.txt      # one JSON object per line
 *   npm run --silent ask -- --chat                       # one conversation, line by line
 *
 * JSON lines: {"q", "outcome": "answer"|"clarify"|"no-match"|"emergency"|"service-request",
 * "topic", "score", "alternatives": [{"topic", "score"}], "reply"}. Each question is a
 * fresh conversation. Only answers go to stdout; logs go to stderr with --verbose.
 */
import { createInterface } from 'node:readline';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../bot/config.js';
import { type Explain, readExplain } from '../bot/explain.js';
import { createLogger, silentLogger } from '../bot/logger.js';
import { usePipeline } from '../bot/pipeline.js';
import { createRuntime } from '../bot/runtime.js';
import { ConsoleAdapter, renderConsoleReply } from '../channels/console/index.js';

export type AskOutcome = 'answer' | 'clarify' | 'no-match' | 'emergency' | 'service-request';

export interface AskAnswer {
  readonly q: string;
  readonly outcome: AskOutcome;
  readonly topic: string | null;
  readonly score: number;
  readonly alternatives: readonly { readonly topic: string; readonly score: number }[];
  readonly reply: string;
}

/** The ask contract's five outcomes; the menu, status and other replies count as answers. */
function outcomeOf(explain: Explain | undefined): AskOutcome {
  switch (explain?.outcome) {
    case 'clarify':
    case 'no-match':
    case 'emergency':
    case 'service-request':
      return explain.outcome;
    case undefined:
      return 'no-match';
    default:
      return 'answer';
  }
}

export function toAnswer(q: string, replies: readonly Partial<Activity>[]): AskAnswer {
  const explain = replies.map((r) => readExplain(r)).find((e) => e !== undefined);
  const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;
  return {
    q,
    outcome: outcomeOf(explain),
    topic: explain?.topic ?? null,
    score: round(explain?.score ?? 0),
    alternatives: (explain?.alternatives ?? []).map((a) => ({ topic: a.topic, score: round(a.score) })),
    reply: replies.map(renderConsoleReply).join('\n'),
  };
}

async function run(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const chat = argv.includes('--chat');
  const verbose = argv.includes('--verbose');
  const words = argv.filter((a) => !a.startsWith('--'));
  if (!json && !chat && words.length === 0) {
    process.stderr.write(
      'usage: npm run --silent ask -- "question"  |  ask -- --json < questions  |  ask -- --chat\n',
    );
    return 2;
  }
  const config = loadConfig(process.env);
  const logger = verbose ? createLogger({ level: config.logLevel }) : silentLogger;
  const runtime = await createRuntime({ config, logger, inMemory: true });
  const adapter = usePipeline(new ConsoleAdapter(), {
    bot: runtime.bot,
    emergency: runtime.emergency,
    logger,
  });
  let n = 0;
  const ask = async (q: string): Promise<AskAnswer> => {
    n += 1;
    const replies = await adapter.process(adapter.message(q, `ask-${n}`), runtime.bot.run);
    return toAnswer(q, replies);
  };
  try {
    if (!json && !chat) {
      process.stdout.write(`${(await ask(words.join(' '))).reply}\n`);
      return 0;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    if (chat) process.stderr.write('Chatting with the bot; Ctrl-D to stop.\n> ');
    for await (const line of lines) {
      if (chat) {
        const replies = await adapter.process(adapter.message(line, 'ask-chat'), runtime.bot.run);
        process.stdout.write(`${replies.map(renderConsoleReply).join('\n')}\n`);
        process.stderr.write('> ');
        continue;
      }
      if (line.trim() === '') continue;
      process.stdout.write(`${JSON.stringify(await ask(line))}\n`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

// A reader that stops early (`| head`) ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ask: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
