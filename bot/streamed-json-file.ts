import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** About this much text is written at a time: the whole file is never one string in memory. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes `head`, the `members` (each one `"key":value` JSON text) separated by
 * commas one a line, and `tail`, in small chunks to a temporary file beside
 * `file`, then renames it over `file`: a crash mid-write leaves the last
 * complete file. With `sync`, the data is on disk when the promise resolves.
 * Used by the bot's own stores (state, conversation references).
 */
export async function writeStreamedJson(
  file: string,
  head: string,
  members: Iterable<string>,
  tail: string,
  options: { readonly sync?: boolean } = {},
): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temp, 'w');
  try {
    let chunk = head;
    let first = true;
    for (const member of members) {
      chunk += `${first ? '' : ','}\n${member}`;
      first = false;
      if (chunk.length >= CHUNK_CHARS) {
        await handle.writeFile(chunk);
        chunk = '';
      }
    }
    await handle.writeFile(`${chunk}\n${tail}`);
    if (options.sync) await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
