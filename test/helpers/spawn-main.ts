/** `npm start`'s server as an operator runs it: `bot/main.ts` in a real process, JSON log lines on stderr. */
import { type ChildProcess, spawn } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface SpawnedMain {
  readonly child: ChildProcess;
  /** The JSON log lines written so far. */
  readonly lines: string[];
  /** The URL from the "listening" line; rejects (with the log) if the process exits first. */
  readonly url: Promise<string>;
  /** The exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `bot/main.ts` with only PATH and `env` set. */
export function spawnMain(env: Record<string, string>): SpawnedMain {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        let parsed: { msg?: string; url?: string } = {};
        try {
          parsed = JSON.parse(line) as typeof parsed;
        } catch {
          // Not a log line (e.g. "Configuration error: ..."): kept in `lines` as written.
        }
        if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
      }
    });
    exited.then((code) => reject(new Error(`exited ${code} before listening: ${lines.join('\n')}`)));
  });
  // A test that expects the process to refuse never awaits the URL.
  url.catch(() => {});
  return { child, lines, url, exited };
}
