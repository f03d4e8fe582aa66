import cluster from 'node:cluster';
import { type Env, loadConfig } from './config.js';

/**
 * `WORKERS=N npm start`: N processes serving one port (node:cluster shares the
 * listening socket; connections are spread round-robin). Each worker is a full
 * instance on the shared PostgreSQL store, which is why WORKERS > 1 is refused
 * without DATABASE_URL. A worker that dies is started again (after a short
 * pause, so a crash at start-up does not spin); SIGINT/SIGTERM stop them all.
 *
 * `run` starts one instance (bot/main.ts's `main`) and resolves with its exit code.
 */
export async function runWorkers(
  env: Env,
  run: () => Promise<number>,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let workers = 1;
  try {
    workers = loadConfig(env).workers;
  } catch {
    // main reports configuration errors itself, with its exit code.
  }
  if (workers <= 1 || !cluster.isPrimary) return run();

  let stopping = false;
  const alive = new Set<number>();
  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker.id);
    worker.once('exit', (code, signal) => {
      alive.delete(worker.id);
      if (stopping) return;
      write(
        JSON.stringify({
          level: 'error',
          msg: 'worker died; starting another',
          code,
          signal,
          at: new Date().toISOString(),
        }),
      );
      setTimeout(() => {
        if (!stopping) fork();
      }, 1_000).unref();
    });
  };
  for (let i = 0; i < workers; i++) fork();
  write(JSON.stringify({ level: 'info', msg: 'cluster started', workers, at: new Date().toISOString() }));

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      resolve();
    };
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
  });
  await new Promise<void>((resolve) => {
    if (alive.size === 0) resolve();
    cluster.on('exit', () => {
      if (alive.size === 0) resolve();
    });
  });
  return 0;
}
