/**
 * `npm run build` step 2: the files the server reads next to its modules
 * (articles, the service catalog, the geocoder's made-up samples, the web
 * pages' assets, the migrations), copied into dist/ beside the compiled
 * JavaScript, so the built server needs nothing else from the checkout.
 * Plain JavaScript, so it runs without tsx.
 *
 *     node scripts/copy-assets.mjs [out-dir]     # default: dist
 */
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const ASSETS = [
  'knowledge/articles',
  'knowledge/service-catalog.yaml',
  // GEOCODER=file's default (requests/geocoder/file-geocoder.ts), and a GEOCODER_AREAS example.
  'knowledge/geocoder-sample.csv',
  'knowledge/collection-areas-sample.geojson',
  'channels/web/public',
  'storage/postgres/migrations',
];

const out = resolve(ROOT, process.argv[2] ?? 'dist');
for (const path of ASSETS) cpSync(resolve(ROOT, path), resolve(out, path), { recursive: true });
