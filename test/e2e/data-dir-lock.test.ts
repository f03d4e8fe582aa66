/**
 * One process per data folder: two servers on one DATA_DIR overwrite each
 * other's files (acknowledged requests were lost), so the second must refuse
 * to start, naming the lock and who holds it. Driven as an operator would:
 * `main(env)` in process and `bot/main.ts` as real processes.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../bot/main.js';
import { startMain } from '../helpers/main-server.js';
import { spawnMain } from '../helpers/spawn-main.js';

/** `main(env)` expected to refuse: resolves with its exit code and log (a server that starts is stopped at once). */
async function refusedOn(dataDir: string): Promise<{ code: number; log: string }> {
  const lines: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const code = await main(
    { PORT: '0', DATA_DIR: dataDir },
    { log: (l) => lines.push(l), stop: stopped, onListening: () => stop() },
  );
  return { code, log: lines.join('\n') };
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}

const lockFile = (dataDir: string) => join(dataDir, '.lock');

describe('one process per DATA_DIR', function () {
  this.timeout(60_000);
  let dataDir: string;
  const running: ChildProcess[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'data-dir-lock-'));
  });
  afterEach(async () => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server process on the same DATA_DIR (exit 1), naming the lock and the pid holding it', async () => {
    const first = spawnMain({ PORT: '0', DATA_DIR: dataDir });
    running.push(first.child);
    const base = await first.url;
    const second = spawnMain({ PORT: '0', DATA_DIR: dataDir });
    running.push(second.child);
    assert.equal(await second.exited, 1);
    const refusal = second.lines.map((l) => JSON.parse(l) as { level: string; msg: string; lock?: string });
    const line = refusal.find((l) => l.level === 'error');
    assert.ok(line, second.lines.join('\n'));
    assert.match(line.msg, new RegExp(`held by pid ${first.child.pid} on host ${hostname()}`));
    assert.equal(line.lock, lockFile(dataDir));
    assert.ok(!second.lines.some((l) => /"listening"/.test(l)), 'the second never listened');

    // The first is untouched and still owns the folder.
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok' });
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    assert.equal(existsSync(lockFile(dataDir)), false, 'a clean shutdown releases the lock');
  });

  it('refuses a second app in one process too, and starts a new one once the first has stopped', async () => {
    const first = await startMain({ DATA_DIR: dataDir });
    const lock = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(lock).sort(), ['hostname', 'pid', 'startedAt']);
    assert.equal(lock.pid, process.pid);

    const refused = await refusedOn(dataDir);
    assert.equal(refused.code, 1);
    assert.match(refused.log, new RegExp(`${lockFile(dataDir)} is held by pid ${process.pid}`));
    assert.deepEqual(await (await fetch(`${first.base}/healthz`)).json(), { status: 'ok' });

    assert.equal(await first.stop(), 0);
    const next = await startMain({ DATA_DIR: dataDir });
    assert.equal(await next.stop(), 0);
  });

  it('takes over a lock left by a process that is gone, saying so', async () => {
    const pid = await deadPid();
    await writeFile(
      lockFile(dataDir),
      JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-05T10:00:00.000Z' }),
    );
    const server = await startMain({ DATA_DIR: dataDir });
    try {
      assert.equal(
        (JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as { pid: number }).pid,
        process.pid,
      );
      assert.match(server.lines.join('\n'), new RegExp(`took over .*lock of pid ${pid}`));
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.equal(existsSync(lockFile(dataDir)), false);
  });

  it('refuses a lock held on another host (its process cannot be checked from here)', async () => {
    await writeFile(
      lockFile(dataDir),
      JSON.stringify({ pid: 4242, hostname: 'app-server-2', startedAt: '2026-01-05T10:00:00.000Z' }),
    );
    const refused = await refusedOn(dataDir);
    assert.equal(refused.code, 1);
    assert.match(refused.log, /held by pid 4242 on host app-server-2/);
    assert.ok(existsSync(lockFile(dataDir)), 'the other host keeps its lock');
  });
});
