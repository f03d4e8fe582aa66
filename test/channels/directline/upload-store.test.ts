import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UploadStore } from '../../../channels/directline/upload-store.js';

/** The first bytes of a PNG, then some pixels' worth of bytes. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

describe('UploadStore over a folder instances share (UPLOAD_DIR)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'uploads-')), 'common');
  });
  afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }));

  it('serves from one instance the photo another stored, and a removal on either is seen by both', async () => {
    const [a, b] = [new UploadStore(dir), new UploadStore(dir)];
    const stored = await a.save(PNG);
    assert.equal(stored.contentType, 'image/png');
    assert.deepEqual(await b.read(stored.name), { bytes: PNG, contentType: 'image/png' });
    assert.deepEqual(await new UploadStore(dir).read(stored.name), { bytes: PNG, contentType: 'image/png' });
    await b.remove(stored.name);
    assert.equal(await a.read(stored.name), undefined);
  });

  it('leaves only finished photos in the folder, and never serves a file it did not name', async () => {
    const store = new UploadStore(dir);
    const saved = await Promise.all([store.save(PNG), store.save(PNG), store.save(PNG)]);
    assert.deepEqual((await readdir(dir)).sort(), saved.map((s) => s.name).sort(), 'no temporary files left');
    const id = saved[0]!.name.slice(0, 32);
    await writeFile(path.join(dir, `.${id}.partial`), PNG.subarray(0, 10));
    assert.equal(await store.read(`.${id}.partial`), undefined, 'a photo being written is not served');
    assert.equal(await store.read('../common/x.png'), undefined);
  });
});
