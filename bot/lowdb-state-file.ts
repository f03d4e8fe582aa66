import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** One stored item: its JSON text (eTag included), its eTag, and when it was last written. */
export interface Entry {
  readonly json: string;
  readonly eTag: string;
  /** Epoch milliseconds of the last write. */
  readonly touchedAt: number;
}
export type Items = Map<string, Entry>;

/** About this much text is written at a time: the whole file is never one string in memory. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The lowdb adapter for bot state (DATA_DIR/state.json):
 * `{"version":1,"items":{"<key>":{"value":{...},"touchedAt":<ms>},...}}`,
 * one item a line. lowdb's JSON adapter stringifies the whole store into one
 * string per write (tens of MB at 10,000 conversations, garbage every flush);
 * this one streams the items' stored JSON in small chunks to a temporary file
 * and renames it over the old one, so a crash mid-write leaves the last
 * complete file.
 */
export class StateFile implements Adapter<Items> {
  private readonly temp: string;

  constructor(private readonly file: string) {
    this.temp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  async read(): Promise<Items | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = JSON.parse(text) as { items?: unknown } | null;
    const items: Items = new Map();
    const stored = parsed?.items;
    if (typeof stored !== 'object' || stored === null) return items;
    for (const [key, entry] of Object.entries(stored as Record<string, unknown>)) {
      const { value, touchedAt } = (entry ?? {}) as { value?: unknown; touchedAt?: unknown };
      if (typeof value !== 'object' || value === null) continue;
      const eTag = (value as { eTag?: unknown }).eTag;
      items.set(key, {
        json: JSON.stringify(value),
        eTag: typeof eTag === 'string' ? eTag : '',
        touchedAt: typeof touchedAt === 'number' && Number.isFinite(touchedAt) ? touchedAt : 0,
      });
    }
    return items;
  }

  async write(items: Items): Promise<void> {
    const entries = [...items];
    const handle = await open(this.temp, 'w');
    try {
      let chunk = '{"version":1,"items":{';
      for (let i = 0; i < entries.length; i++) {
        const [key, entry] = entries[i]!;
        chunk += `${i === 0 ? '' : ','}\n${JSON.stringify(key)}:{"value":${entry.json},"touchedAt":${entry.touchedAt}}`;
        if (chunk.length >= CHUNK_CHARS) {
          await handle.writeFile(chunk);
          chunk = '';
        }
      }
      await handle.writeFile(`${chunk}\n}}\n`);
    } finally {
      await handle.close();
    }
    await rename(this.temp, this.file);
  }
}
