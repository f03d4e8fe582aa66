import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeStreamedJson } from './streamed-json-file.js';

/** One stored item: its JSON text (eTag included), its eTag, and when it was last written. */
export interface Entry {
  readonly json: string;
  readonly eTag: string;
  /** Epoch milliseconds of the last write. */
  readonly touchedAt: number;
}
export type Items = Map<string, Entry>;

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
  constructor(private readonly file: string) {}

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
    const members = (function* () {
      for (const [key, entry] of [...items]) {
        yield `${JSON.stringify(key)}:{"value":${entry.json},"touchedAt":${entry.touchedAt}}`;
      }
    })();
    await writeStreamedJson(this.file, '{"version":1,"items":{', members, '}}\n');
  }
}
