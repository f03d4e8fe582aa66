/**
 * `npm run build` step 2: the files the server reads next to its modules
 * (articles, the service catalog, the web pages' assets), copied into dist/
 * beside the compiled JavaScript. Plain JavaScript, so it runs without tsx.
 */
import { cpSync } from 'node:fs';

const ASSETS = [
  'knowledge/articles',
  'knowledge/service-catalog.yaml',
  'channels/web/public',
  'storage/postgres/migrations',
];

for (const path of ASSETS) cpSync(path, `dist/${path}`, { recursive: true });
