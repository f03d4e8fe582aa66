/**
 * Guessing the staff token, as an attacker would: the real composition root
 * (`main`) on loopback, wrong Bearer tokens and sign-in forms over real HTTP
 * from one client address, and staff working from another. The client
 * address is the socket's (a second loopback address, 127.0.0.2, is a second
 * client) unless TRUST_PROXY names the proxy; then it is X-Forwarded-For.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { type MainServer, startMain } from '../helpers/main-server.js';

const STAFF_TOKEN = 'e2e-staff-token-that-is-long-enough';
const ATTACKER = '127.0.0.1';
const STAFF = '127.0.0.2';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

interface Call {
  readonly method?: string;
  /** The client's own address (the socket's local address). */
  readonly from?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One HTTP request from a chosen loopback address (fetch cannot pick its source address). */
function call(base: string, path: string, options: Call = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: options.method ?? 'GET',
        localAddress: options.from ?? ATTACKER,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${token}`, ...extra },
});

function signIn(base: string, token: string, from: string, extra: Record<string, string> = {}) {
  return call(base, '/staff/login', {
    method: 'POST',
    from,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
    body: new URLSearchParams({ token }).toString(),
  });
}

function assertTooMany(reply: Reply, what: string): void {
  assert.equal(reply.status, 429, `${what}: ${reply.body}`);
  const retryAfter = Number(reply.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 900, `${what}: Retry-After ${reply.headers['retry-after']}`);
}

describe('Staff token guessing (main, real HTTP)', function () {
  this.timeout(60_000);

  describe('without TRUST_PROXY: the client is the socket address', () => {
    let server: MainServer;
    before(async () => {
      server = await startMain({ STAFF_TOKEN });
    });
    after(async () => assert.equal(await server.stop(), 0));

    it('counts wrong tokens across every staff entry point, answers the 11th with 429, and spares other clients', async () => {
      const { base } = server;
      const wrong: Reply[] = [
        await call(base, '/api/requests', bearer('guess-1')),
        await call(base, '/api/requests', bearer('guess-2')),
        await call(base, '/api/liaisons', bearer('guess-3')),
        await call(base, '/api/neighborhoods/Kensington/summary', bearer('guess-4')),
        await call(base, '/api/staff/corrections', bearer('guess-5')),
        await signIn(base, 'guess-6', ATTACKER),
        await signIn(base, 'guess-7', ATTACKER),
      ];
      for (let i = 8; i <= 10; i++) wrong.push(await call(base, '/api/requests', bearer(`guess-${i}`)));
      assert.deepEqual(
        wrong.map((r) => r.status),
        [403, 403, 403, 403, 401, 401, 401, 403, 403, 403],
        'the first 10 wrong tokens are simply refused',
      );

      const eleventh = await call(base, '/api/requests', bearer('guess-11'));
      assertTooMany(eleventh, 'the 11th wrong token');
      assert.equal(
        (JSON.parse(eleventh.body) as { error: { code: string } }).error.code,
        'TOO_MANY_ATTEMPTS',
      );
      assertTooMany(await call(base, '/api/liaisons', bearer('guess-12')), '/api/liaisons');
      assertTooMany(await call(base, '/api/staff/corrections', bearer('guess-13')), '/api/staff');
      assertTooMany(await signIn(base, 'guess-14', ATTACKER), 'sign-in');
      assertTooMany(
        await call(base, '/api/requests', bearer(STAFF_TOKEN)),
        'even the right token, from the blocked client (no oracle)',
      );
      assertTooMany(
        await call(base, '/api/requests', bearer(STAFF_TOKEN, { 'x-forwarded-for': '198.51.100.9' })),
        'a made-up X-Forwarded-For without TRUST_PROXY',
      );
      assertTooMany(
        await signIn(base, STAFF_TOKEN, ATTACKER, { 'x-forwarded-for': '198.51.100.10' }),
        'sign-in with a made-up X-Forwarded-For',
      );

      // Staff on another address are not locked out.
      assert.equal((await call(base, '/api/requests', { ...bearer(STAFF_TOKEN), from: STAFF })).status, 200);
      assert.equal((await call(base, '/api/liaisons', { ...bearer(STAFF_TOKEN), from: STAFF })).status, 200);
      assert.equal(
        (await call(base, '/api/staff/corrections', { ...bearer(STAFF_TOKEN), from: STAFF })).status,
        200,
      );
      const signedIn = await signIn(base, STAFF_TOKEN, STAFF);
      assert.equal(signedIn.status, 303, signedIn.body);
      assert.match(String(signedIn.headers['set-cookie']), /staff_session=/);
    });
  });

  describe('with TRUST_PROXY=loopback: the client is X-Forwarded-For from the proxy', () => {
    let server: MainServer;
    before(async () => {
      server = await startMain({ STAFF_TOKEN, TRUST_PROXY: 'loopback' });
    });
    after(async () => assert.equal(await server.stop(), 0));

    it('blocks the guessing client behind the proxy, not the staff behind the same proxy', async () => {
      const { base } = server;
      const guesser = { 'x-forwarded-for': '203.0.113.7' };
      for (let i = 1; i <= 10; i++) {
        assert.equal((await call(base, '/api/requests', bearer(`guess-${i}`, guesser))).status, 403);
      }
      assertTooMany(await call(base, '/api/requests', bearer('guess-11', guesser)), 'the 11th wrong token');
      assertTooMany(await signIn(base, STAFF_TOKEN, ATTACKER, guesser), 'sign-in from the guessing client');

      const staff = { 'x-forwarded-for': '198.51.100.9' };
      assert.equal((await call(base, '/api/requests', bearer(STAFF_TOKEN, staff))).status, 200);
      assert.equal((await signIn(base, STAFF_TOKEN, ATTACKER, staff)).status, 303);
    });
  });
});
