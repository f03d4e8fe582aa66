/**
 * Restarting the pilot gives a staff-token guesser no fresh tries: the real
 * composition root (`main`) on lowdb, ten wrong Bearer tokens over real HTTP,
 * a restart on the same DATA_DIR, and the 11th is refused. The guesser is
 * 127.0.0.1 and staff 127.0.0.2 (the socket's address is the client).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MainServer, startMain } from '../helpers/main-server.js';

const STAFF_TOKEN = 'e2e-staff-token-that-is-long-enough';
const ATTACKER = '127.0.0.1';
const STAFF = '127.0.0.2';

/** GET `path` with a Bearer token from a chosen loopback address (fetch cannot pick its source address). */
function get(base: string, path: string, token: string, from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { localAddress: from, headers: { authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end();
  });
}

describe('Wrong staff tokens across a restart (main on lowdb, real HTTP)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let server: MainServer | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'attempts-restart-'));
  });
  after(async () => {
    if (server) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the 11th wrong token after a restart on the same DATA_DIR, and still lets staff in', async () => {
    server = await startMain({ STAFF_TOKEN, DATA_DIR: dataDir });
    const first: number[] = [];
    for (let i = 1; i <= 10; i++) first.push(await get(server.base, '/api/requests', `guess-${i}`, ATTACKER));
    assert.deepEqual(first, Array(10).fill(403), 'the first 10 wrong tokens are simply refused');
    assert.equal(await server.stop(), 0);
    server = undefined;

    const stored = await readFile(join(dataDir, 'attempts.json'), 'utf8');
    assert.doesNotMatch(stored, /127\.0\.0\.1/, 'the client address is not stored in clear');

    server = await startMain({ STAFF_TOKEN, DATA_DIR: dataDir });
    assert.equal(await get(server.base, '/api/requests', 'guess-11', ATTACKER), 429, 'the 11th wrong token');
    assert.equal(
      await get(server.base, '/api/requests', STAFF_TOKEN, ATTACKER),
      429,
      'even the right token, from the blocked client',
    );
    assert.equal(await get(server.base, '/api/requests', STAFF_TOKEN, STAFF), 200, 'staff elsewhere get in');
    assert.equal(await server.stop(), 0);
    server = undefined;
  });
});
