/** The whole app as an operator starts it (`main(env)` in bot/main.ts), in this process, on a loopback port. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../bot/main.js';

export interface MainServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly base: string;
  /** The JSON log lines written so far (start-up notes included). */
  readonly lines: readonly string[];
  /** Stops the server, removes the data folder it made (not one passed in) and resolves with main's exit code. */
  stop(): Promise<number>;
}

/** Starts `main` with PORT=0 and a fresh DATA_DIR; `env` adds or overrides variables (DATA_DIR too). */
export async function startMain(env: Record<string, string> = {}): Promise<MainServer> {
  const ownDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'main-server-')));
  const lines: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise((resolve) => {
    stop = () => resolve(undefined);
  });
  let exited: Promise<number> = Promise.resolve(1);
  const listening = new Promise<string>((resolve, reject) => {
    exited = main(
      { PORT: '0', DATA_DIR: dataDir, ...env },
      { log: (line) => lines.push(line), stop: stopped, onListening: resolve },
    );
    exited.then((code) => reject(new Error(`main exited ${code}: ${lines.join('\n')}`)), reject);
  });
  const base = (await listening).replace('localhost', '127.0.0.1');
  return {
    base,
    lines,
    stop: async () => {
      stop();
      const code = await exited;
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
