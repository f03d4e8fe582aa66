import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig, PHILADELPHIA_BOUNDS } from '../../bot/config.js';

/** The refusal an operator sees at start-up: the variable named, and why. */
function refuses(env: Record<string, string>, variable: string, why: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) =>
      error instanceof ConfigError && error.variable === variable && why.test(error.message),
  );
}

describe('configuration of the doors (TRUST_PROXY, DIRECTLINE_SECRET, OPEN311_CORS_ORIGINS, CITY_BOUNDS)', () => {
  it('believes no proxy by default; takes a hop count or named proxies', () => {
    assert.equal(loadConfig({}).trustProxy, undefined);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, undefined);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy, [
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
  });

  it('refuses TRUST_PROXY=true (any client could pick its own address) and what is not a proxy', () => {
    refuses({ TRUST_PROXY: 'true' }, 'TRUST_PROXY', /any client/);
    refuses({ TRUST_PROXY: 'loopback,my-proxy.example.org' }, 'TRUST_PROXY', /my-proxy/);
  });

  it('takes a Direct Line secret of at least 32 characters', () => {
    assert.equal(loadConfig({}).directLineSecret, undefined);
    const secret = 'x'.repeat(32);
    assert.equal(loadConfig({ DIRECTLINE_SECRET: secret }).directLineSecret, secret);
    refuses({ DIRECTLINE_SECRET: 'short' }, 'DIRECTLINE_SECRET', /32 characters/);
  });

  it('opens Open311 reads to every origin by default, or to the listed origins', () => {
    assert.equal(loadConfig({}).open311CorsOrigins, '*');
    assert.deepEqual(
      loadConfig({ OPEN311_CORS_ORIGINS: 'https://map.example.org, http://localhost:8080' })
        .open311CorsOrigins,
      ['https://map.example.org', 'http://localhost:8080'],
    );
    refuses({ OPEN311_CORS_ORIGINS: 'map.example.org' }, 'OPEN311_CORS_ORIGINS', /not an origin/);
    refuses({ OPEN311_CORS_ORIGINS: 'https://map.example.org/app' }, 'OPEN311_CORS_ORIGINS', /not an origin/);
  });

  it("bounds Open311 coordinates by Philadelphia's box unless CITY_BOUNDS says otherwise", () => {
    assert.deepEqual(loadConfig({}).cityBounds, PHILADELPHIA_BOUNDS);
    assert.deepEqual(loadConfig({ CITY_BOUNDS: '41.24,-73.00,41.35,-72.86' }).cityBounds, {
      south: 41.24,
      west: -73,
      north: 41.35,
      east: -72.86,
    });
    refuses({ CITY_BOUNDS: '41.35,-73.00,41.24,-72.86' }, 'CITY_BOUNDS', /south,west,north,east/);
    refuses({ CITY_BOUNDS: '0x27,-73,41,-72' }, 'CITY_BOUNDS', /decimal degrees/);
    refuses({ CITY_BOUNDS: '1,2,3' }, 'CITY_BOUNDS', /south,west,north,east/);
  });
});

describe('configuration of where photos live (UPLOAD_DIR)', () => {
  it('keeps photos in DATA_DIR/uploads unless UPLOAD_DIR says otherwise', () => {
    assert.equal(loadConfig({}).uploadDir, path.join('data', 'uploads'));
    assert.equal(loadConfig({ DATA_DIR: '/var/lib/open311-bot' }).uploadDir, '/var/lib/open311-bot/uploads');
    assert.equal(
      loadConfig({ DATA_DIR: '/var/lib/open311-bot', UPLOAD_DIR: ' /mnt/shared/uploads ' }).uploadDir,
      '/mnt/shared/uploads',
      'a folder instances share; surrounding spaces dropped',
    );
    assert.equal(
      loadConfig({ DATA_DIR: './state', UPLOAD_DIR: '' }).uploadDir,
      path.join('state', 'uploads'),
    );
  });
});

describe('configuration of the store (DATABASE_URL, WORKERS, TWILIO_SEND_THREAD)', () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'token',
    TWILIO_FROM: '+12155550100',
    PUBLIC_URL: 'https://311.example.org',
  };
  const db = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' };

  it('uses lowdb unless DATABASE_URL names a PostgreSQL server, in the public schema unless told', () => {
    assert.equal(loadConfig({}).database, undefined);
    assert.deepEqual(loadConfig(db).database, { url: db.DATABASE_URL, schema: 'public', poolSize: 10 });
    assert.equal(loadConfig({ ...db, DATABASE_SCHEMA: 'city311' }).database?.schema, 'city311');
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://x@y/z' }),
      /DATABASE_URL: must start with postgres/,
    );
    assert.throws(() => loadConfig({ ...db, DATABASE_SCHEMA: 'x; drop' }), /DATABASE_SCHEMA/);
  });

  it('refuses more than one worker without DATABASE_URL', () => {
    assert.equal(loadConfig({ ...db, WORKERS: '4' }).workers, 4);
    assert.throws(() => loadConfig({ WORKERS: '2' }), /WORKERS: more than one worker needs DATABASE_URL/);
  });

  it('sends SMS from a worker thread with lowdb and from the main thread with PostgreSQL, unless told', () => {
    assert.equal(loadConfig(twilio).twilio?.sendThread, true);
    assert.equal(loadConfig({ ...twilio, ...db }).twilio?.sendThread, false);
    assert.equal(loadConfig({ ...twilio, ...db, TWILIO_SEND_THREAD: 'on' }).twilio?.sendThread, true);
    assert.equal(loadConfig({ ...twilio, TWILIO_SEND_THREAD: 'off' }).twilio?.sendThread, false);
    assert.throws(
      () => loadConfig({ ...twilio, TWILIO_SEND_THREAD: 'maybe' }),
      /TWILIO_SEND_THREAD: must be on or off/,
    );
  });
});
