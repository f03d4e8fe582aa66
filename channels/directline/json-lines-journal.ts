/**
 * An append-only JSON-lines file whose appends are group-committed: the
 * approach of bot/inbox-file.ts, for a store that keeps its state in memory
 * and rebuilds it from the file on open.
 *
 * - A line passed to `append` joins the batch being collected; every append of
 *   a batch resolves after ONE appendFile and one fdatasync of the whole batch,
 *   and the next batch collects while that one is written.
 * - A failed write rejects every append of its batch and cuts the file back to
 *   its last good length (or, when that fails too, starts the next batch on a
 *   new line, so a torn line stays a line of its own).
 * - A compaction writes the owner's `snapshot` (its whole state now, as
 *   records) to a temporary file, flushes it and renames it over the journal.
 *   It runs between batches: once the journal has grown past
 *   max(`compactAfterBytes`, twice what the last compaction wrote), and when
 *   asked. Lines appended while it runs are written after it, so replaying a
 *   record the snapshot already reflects must change nothing.
 * - `readJournal` replays the file line by line; a torn last line (a crash in
 *   the middle of an append, never acknowledged) is skipped.
 *
 * Nothing of a line's content is ever logged: only counts.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../../bot/logger.js';

/** Compaction writes the file in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

export interface JsonLinesJournalOptions {
  /** The journal; its folder is created when missing. */
  readonly file: string;
  readonly logger: Logger;
  /** Names the journal in log lines, e.g. 'directline'. */
  readonly label: string;
  /** The records of the whole state now, each a line ending in "\n"; what a compaction writes. */
  readonly snapshot: () => Promise<readonly string[]>;
  /** Compact while running once the file is larger than this (and than twice the last compaction). */
  readonly compactAfterBytes: number;
}

export interface JsonLinesJournalStats {
  /** Group commits since open: one append and one fdatasync each. */
  readonly commits: number;
  /** Lines appended since open (compactions not counted). */
  readonly appended: number;
  readonly compactions: number;
  /** Bytes in the file now. */
  readonly bytes: number;
}

/**
 * Calls `onRecord` with each line of `file` parsed as JSON, in order; it
 * returns false for a record it cannot use. A missing file reads as empty.
 */
export async function readJournal(
  file: string,
  options: { readonly logger: Logger; readonly label: string },
  onRecord: (record: unknown) => boolean,
): Promise<void> {
  let unreadable = 0;
  let lastUnreadable = false;
  try {
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (line === '') continue;
      let used = false;
      try {
        used = onRecord(JSON.parse(line));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
      lastUnreadable = !used;
      if (!used) unreadable += 1;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { logger, label } = options;
  if (lastUnreadable)
    logger.info(`${label}: ignored a torn last line of the journal (a crash during a write)`);
  const skipped = unreadable - (lastUnreadable ? 1 : 0);
  if (skipped > 0) logger.warn(`${label}: skipped unreadable journal lines`, { count: skipped });
}

interface Batch {
  readonly lines: string[];
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { lines: [], done, resolve, reject };
}

async function syncFolder(folder: string): Promise<void> {
  // Makes a rename durable; not possible on every platform (Windows), where it is skipped.
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

export class JsonLinesJournal {
  private handle: FileHandle | undefined;
  private size: number;
  private sizeAtCompaction: number;
  /** The file does not end with a newline (a torn write): the next batch starts a new line. */
  private tornTail: boolean;
  private collecting: Batch | undefined;
  private compactWanted: Batch | undefined;
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly counts = { commits: 0, appended: 0, compactions: 0 };

  private constructor(
    private readonly options: JsonLinesJournalOptions,
    handle: FileHandle,
    size: number,
    tornTail: boolean,
  ) {
    this.handle = handle;
    this.size = size;
    this.sizeAtCompaction = size;
    this.tornTail = tornTail;
  }

  /** Opens the file for appending (creating it and its folder when missing); read it first with `readJournal`. */
  static async open(options: JsonLinesJournalOptions): Promise<JsonLinesJournal> {
    await mkdir(dirname(options.file), { recursive: true });
    const handle = await open(options.file, 'a+');
    try {
      const { size } = await handle.stat();
      let tornTail = false;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        tornTail = last[0] !== 0x0a;
      }
      return new JsonLinesJournal(options, handle, size, tornTail);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Resolves once `line` (one record ending in "\n") is on disk; rejects when the write failed. */
  append(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.options.label}: the journal is closed`));
    this.collecting ??= newBatch();
    const batch = this.collecting;
    batch.lines.push(line);
    this.run();
    return batch.done;
  }

  /** Rewrites the file with the owner's snapshot; resolves once the new file is on disk. */
  compact(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.options.label}: the journal is closed`));
    this.compactWanted ??= newBatch();
    const wanted = this.compactWanted;
    this.run();
    return wanted.done;
  }

  stats(): JsonLinesJournalStats {
    return { ...this.counts, bytes: this.size };
  }

  /** Writes what is waiting, then closes the file; later appends are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.draining) await this.draining;
    await this.handle?.close();
    this.handle = undefined;
  }

  private run(): void {
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    // Let every call of this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.collecting || this.compactWanted) {
      if (this.compactWanted) {
        const wanted = this.compactWanted;
        this.compactWanted = undefined;
        await this.rewrite().then(wanted.resolve, wanted.reject);
      }
      const batch = this.collecting;
      this.collecting = undefined;
      if (!batch) continue;
      await this.commit(batch);
      const grown = this.size > Math.max(this.options.compactAfterBytes, 2 * this.sizeAtCompaction);
      if (grown && !this.compactWanted) {
        this.compactWanted = newBatch();
        this.compactWanted.done.catch((error) =>
          this.options.logger.error(`${this.options.label}: compaction failed`, { error }),
        );
      }
    }
    this.draining = undefined;
  }

  private async commit(batch: Batch): Promise<void> {
    const text = (this.tornTail ? '\n' : '') + batch.lines.join('');
    const handle = this.handle;
    try {
      if (!handle) throw new Error(`${this.options.label}: the journal is not open`);
      await handle.appendFile(text);
      await handle.datasync();
      this.size = this.tornTail ? (await handle.stat()).size : this.size + Buffer.byteLength(text);
      this.tornTail = false;
    } catch (error) {
      const cut = await handle?.truncate(this.size).then(
        () => true,
        () => false,
      );
      this.tornTail ||= cut === false;
      batch.reject(error);
      return;
    }
    this.counts.commits += 1;
    this.counts.appended += batch.lines.length;
    batch.resolve();
  }

  private async rewrite(): Promise<void> {
    const { file, logger, label } = this.options;
    const lines = await this.options.snapshot();
    const temp = `${file}.tmp`;
    const out = await open(temp, 'w');
    let bytes = 0;
    try {
      for (let i = 0; i < lines.length; ) {
        let chunk = '';
        while (i < lines.length && chunk.length < CHUNK_CHARS) chunk += lines[i++];
        bytes += Buffer.byteLength(chunk);
        await out.appendFile(chunk);
      }
      await out.datasync();
    } finally {
      await out.close();
    }
    await rename(temp, file);
    await syncFolder(dirname(file));
    const old = this.handle;
    this.handle = undefined;
    await old?.close();
    this.handle = await open(file, 'a');
    this.size = bytes;
    this.sizeAtCompaction = bytes;
    this.tornTail = false;
    this.counts.compactions += 1;
    logger.debug(`${label}: journal compacted`, { lines: lines.length, bytes });
  }
}
