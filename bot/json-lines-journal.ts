/**
 * An append-only JSON-lines file for a store that keeps its state in memory
 * and rebuilds it from the file on open: the webhook inbox (bot/inbox-file.ts,
 * DATA_DIR/inbox.jsonl) and the web chat store
 * (channels/directline/directline-file-store.ts, DATA_DIR/directline.jsonl).
 * It lives in bot/ so both may import it (channels/ -> bot/, never back).
 *
 * - `readJournal` replays the file line by line; a torn last line (a crash in
 *   the middle of an append, never acknowledged) is skipped with a note, other
 *   unreadable lines with a warning that gives only their count.
 * - `JsonLinesJournal.open` compacts at once: the owner's `snapshot` (its
 *   whole state now, as records) is written to a temporary file, flushed and
 *   renamed over the journal. It compacts again between batches whenever
 *   `shouldCompact` says so, and when asked (`compact`). Lines appended while
 *   it runs are written after it, so replaying a record the snapshot already
 *   reflects must change nothing.
 * - Group commit: a line passed to `append` joins the batch being collected;
 *   every append of a batch resolves after ONE appendFile and one fdatasync of
 *   the whole batch, and the next batch collects while that one is written.
 * - A failed write runs the `undo`s of its batch (newest first), rejects every
 *   append of it and cuts the file back to its last good length (or, when that
 *   fails too, starts the next batch on a new line, so a torn line stays a line
 *   of its own).
 *
 * Nothing of a line's content is ever logged: only counts.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from './logger.js';

/** Compaction writes the file in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

/** The size of the journal file. */
export interface JournalSize {
  readonly lines: number;
  readonly bytes: number;
}

export interface JsonLinesJournalOptions {
  /** The journal; its folder is created when missing. */
  readonly file: string;
  readonly logger: Logger;
  /** Names the journal in log lines, e.g. 'inbox'. */
  readonly label: string;
  /** The records of the whole state now, each a line ending in "\n"; what a compaction writes. */
  readonly snapshot: () => readonly string[] | Promise<readonly string[]>;
  /** Whether to compact now, given the file now and as the last compaction wrote it; asked after each batch. */
  readonly shouldCompact: (now: JournalSize, atCompaction: JournalSize) => boolean;
}

export interface JsonLinesJournalStats extends JournalSize {
  /** Group commits since open: one append and one fdatasync each. */
  readonly commits: number;
  /** Lines appended since open (compactions not counted). */
  readonly appended: number;
  readonly compactions: number;
}

/** What a replay met besides the records it used. */
export interface JournalReplay {
  /** False when there was no file (it reads as empty). */
  readonly found: boolean;
  /** Lines that could not be used, the torn last line not counted. */
  readonly skippedLines: number;
  /** The last line could not be used: a crash during a write. */
  readonly tornLastLine: boolean;
}

/**
 * Calls `onRecord` with each line of `file` parsed as JSON, in order; it
 * returns false for a record it cannot use. A missing file reads as empty;
 * other read errors are thrown.
 */
export async function readJournal(
  file: string,
  options: { readonly logger: Logger; readonly label: string },
  onRecord: (record: unknown) => boolean,
): Promise<JournalReplay> {
  let unreadable = 0;
  let lastUnreadable = false;
  let found = true;
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
    found = false;
  }
  const { logger, label } = options;
  if (lastUnreadable)
    logger.info(`${label}: ignored a torn last line of the journal (a crash during a write)`);
  const skippedLines = unreadable - (lastUnreadable ? 1 : 0);
  if (skippedLines > 0) logger.warn(`${label}: skipped unreadable journal lines`, { count: skippedLines });
  return { found, skippedLines, tornLastLine: lastUnreadable };
}

interface Batch {
  readonly lines: string[];
  readonly undo: (() => void)[];
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
  return { lines: [], undo: [], done, resolve, reject };
}

async function syncFolder(folder: string): Promise<void> {
  // Makes a rename durable; not possible on every platform (Windows), where it is skipped.
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

export class JsonLinesJournal {
  private handle: FileHandle | undefined;
  private size: JournalSize = { lines: 0, bytes: 0 };
  private atCompaction: JournalSize = { lines: 0, bytes: 0 };
  /** The file does not end with a newline (a torn write): the next batch starts a new line. */
  private tornTail = false;
  private collecting: Batch | undefined;
  private compactWanted: Batch | undefined;
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly counts = { commits: 0, appended: 0, compactions: 0 };

  private constructor(private readonly options: JsonLinesJournalOptions) {}

  /**
   * Compacts the file to the owner's snapshot (creating it and its folder when
   * missing) and opens it for appending; read it first with `readJournal`.
   */
  static async open(options: JsonLinesJournalOptions): Promise<JsonLinesJournal> {
    await mkdir(dirname(options.file), { recursive: true });
    const journal = new JsonLinesJournal(options);
    await journal.rewrite();
    return journal;
  }

  /**
   * Resolves once `lines` (records, each ending in "\n") are on disk. When the
   * write fails, `undo` runs (after those of later appends of the batch) and
   * the promise rejects.
   */
  append(lines: string | readonly string[], undo?: () => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.options.label}: the journal is closed`));
    this.collecting ??= newBatch();
    const batch = this.collecting;
    if (typeof lines === 'string') batch.lines.push(lines);
    else batch.lines.push(...lines);
    if (undo) batch.undo.push(undo);
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
    return { ...this.counts, ...this.size };
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
      if (!this.compactWanted && this.options.shouldCompact(this.size, this.atCompaction)) {
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
      const bytes = this.tornTail ? (await handle.stat()).size : this.size.bytes + Buffer.byteLength(text);
      this.size = { lines: this.size.lines + batch.lines.length, bytes };
      this.tornTail = false;
    } catch (error) {
      const cut = await handle?.truncate(this.size.bytes).then(
        () => true,
        () => false,
      );
      this.tornTail ||= cut === false;
      for (const undo of batch.undo.reverse()) undo();
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
    this.size = { lines: lines.length, bytes };
    this.atCompaction = this.size;
    this.tornTail = false;
    this.counts.compactions += 1;
    logger.debug(`${label}: journal compacted`, { lines: lines.length, bytes });
  }
}
