/** A test's script run as a process of its own (a module, TypeScript through tsx), e.g. to kill it mid-write. */
import { spawn } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface ScriptExit {
  /** The signal that ended it (e.g. 'SIGKILL'), or null when it exited by itself. */
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs `script` from the repository's root with only PATH and `env` set; resolves once it has ended. */
export async function runScript(script: string, env: Record<string, string>): Promise<ScriptExit> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, s) => resolve(s)),
  );
  return { signal, stderr };
}
