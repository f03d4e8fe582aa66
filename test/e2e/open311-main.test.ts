/**
 * Open311 through the real composition root (`main`): a multipart POST built
 * with the platform's FormData carrying a real PNG, the photo served back as
 * the request's media_url by the web chat's media route, CORS from
 * OPEN311_CORS_ORIGINS and the default city bounds (Philadelphia's).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MainServer, startMain } from '../helpers/main-server.js';

const API_KEY = 'e2e-open311-key';
const MAP_APP = 'https://map.example.org';
/** An 8x8 red PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc0000001149444154789c6338636c8c15310c2d09000aca4c81d54fd86e0000000049454e44ae426082',
  'hex',
);

describe('Open311 end to end (main, multipart photo, CORS, city bounds)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let app: MainServer;
  let base: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'open311-e2e-'));
    app = await startMain({ DATA_DIR: dataDir, OPEN311_API_KEY: API_KEY, OPEN311_CORS_ORIGINS: MAP_APP });
    base = `${app.base}/open311/v2`;
  });

  after(async () => {
    assert.equal(await app.stop(), 0);
    await rm(dataDir, { recursive: true, force: true });
  });

  const pothole = (extra: Record<string, string> = {}) => {
    const form = new FormData();
    const fields = {
      service_code: 'pothole',
      lat: '39.9474',
      long: '-75.1617',
      description: 'Deep pothole in the right lane',
      'attribute[size]': 'large',
      ...extra,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return form;
  };

  it('files a multipart POST (api_key in the query) whose photo is served back as media_url', async () => {
    const form = pothole();
    form.append('media', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'pothole.png');
    const res = await fetch(`${base}/requests.json?api_key=${API_KEY}`, { method: 'POST', body: form });
    assert.equal(res.status, 201, await res.clone().text());
    const [created] = (await res.json()) as { service_request_id: string }[];

    const [shown] = (await (await fetch(`${base}/requests/${created!.service_request_id}.json`)).json()) as {
      media_url: string;
    }[];
    assert.match(shown!.media_url, /^http:\/\/127\.0\.0\.1:\d+\/media\/[a-f0-9]{32}\.png$/);
    const photo = await fetch(shown!.media_url);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), PNG);
  });

  it('refuses a media file that is not an image with 400 naming media, and keeps no file', async () => {
    const before = await readdir(join(dataDir, 'uploads')).catch(() => []);
    const form = pothole({ api_key: API_KEY });
    form.append('media', new Blob(['<?php system($_GET["c"]); ?>'], { type: 'image/png' }), 'shell.png');
    const res = await fetch(`${base}/requests.json`, { method: 'POST', body: form });
    assert.equal(res.status, 400);
    const [error] = (await res.json()) as { description: string }[];
    assert.match(error!.description, /^media: .*JPEG, PNG, GIF or WebP/);
    assert.deepEqual(await readdir(join(dataDir, 'uploads')).catch(() => []), before);
  });

  it('keeps no photo of a request the service refuses after the photo was read (an unknown size)', async () => {
    const before = await readdir(join(dataDir, 'uploads')).catch(() => []);
    const form = pothole({ api_key: API_KEY, 'attribute[size]': 'enormous' });
    form.append('media', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'pothole.png');
    const res = await fetch(`${base}/requests.json`, { method: 'POST', body: form });
    assert.equal(res.status, 400, await res.clone().text());
    const [error] = (await res.json()) as { description: string }[];
    assert.match(error!.description, /size/);
    assert.deepEqual(await readdir(join(dataDir, 'uploads')).catch(() => []), before);
  });

  it('refuses coordinates outside Philadelphia (the default CITY_BOUNDS), naming lat', async () => {
    const res = await fetch(`${base}/requests.json`, {
      method: 'POST',
      body: pothole({ api_key: API_KEY, lat: '40.7128', long: '-74.0060' }),
    });
    assert.equal(res.status, 400);
    const [error] = (await res.json()) as { description: string }[];
    assert.match(error!.description, /^lat .*outside the city/);
  });

  it('opens reads and POST to the origin in OPEN311_CORS_ORIGINS, and nothing to others', async () => {
    const read = await fetch(`${base}/services.json`, { headers: { origin: MAP_APP } });
    assert.equal(read.headers.get('access-control-allow-origin'), MAP_APP);
    const preflight = (origin: string) =>
      fetch(`${base}/requests.json`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ok = await preflight(MAP_APP);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), MAP_APP);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
    const evil = await preflight('https://evil.example');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.equal(evil.headers.get('access-control-allow-methods'), null);
  });
});
