/**
 * `npm run kb:export [-- <articles dir>]`: prints the knowledge base as the JSON
 * array GET /api/kb serves ({id, title, kind, questions, keywords, answer, body}),
 * after the same validation the bot runs at start-up.
 */
import { toKbJson } from '../bot/kb-json.js';
import { KnowledgeError, loadArticles } from '../knowledge/index.js';

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('--'));
  try {
    const articles = await loadArticles(dir);
    process.stdout.write(`${JSON.stringify(toKbJson(articles), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof KnowledgeError) {
      process.stderr.write(`kb:export: ${error.message} (${error.code})\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
