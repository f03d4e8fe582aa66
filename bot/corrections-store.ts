/**
 * Staff corrections: "this answer was wrong, the right topic is X". Kept in
 * lowdb (corrections.json) so they can be exported and used to improve the
 * knowledge base's example questions.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Low } from 'lowdb';
import { JSONFilePreset } from 'lowdb/node';
import type { TopicId } from '../knowledge/types.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ExplainOutcome } from './explain.js';

/** Corrections kept; the oldest go first beyond this. */
export const MAX_CORRECTIONS = 10_000;

export interface Correction {
  readonly id: string;
  readonly at: string;
  /** What the tester asked. */
  readonly question: string;
  /** What the bot did: its outcome and topic (null when it matched nothing). */
  readonly outcome: ExplainOutcome;
  readonly answeredTopic: TopicId | null;
  readonly score: number;
  /** The topic staff says was right; null for "nothing we cover" (out of scope). */
  readonly correctTopic: TopicId | null;
  readonly note?: string;
  /** Who made it ('staff'). */
  readonly by: string;
}

export type NewCorrection = Omit<Correction, 'id' | 'at'>;

export interface CorrectionsStore {
  /** Stores durably before resolving. */
  add(correction: NewCorrection): Promise<Correction>;
  /** Newest first. */
  list(): Promise<readonly Correction[]>;
}

interface CorrectionsData {
  corrections: Correction[];
}

export interface CorrectionsStoreOptions {
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly max?: number;
}

class LowdbCorrectionsStore implements CorrectionsStore {
  constructor(
    private readonly db: Low<CorrectionsData>,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly max: number,
  ) {}

  async add(correction: NewCorrection): Promise<Correction> {
    const stored: Correction = { ...correction, id: this.newId(), at: this.clock().toISOString() };
    const list = this.db.data.corrections;
    list.push(stored);
    if (list.length > this.max) list.splice(0, list.length - this.max);
    await this.db.write();
    return stored;
  }

  async list(): Promise<readonly Correction[]> {
    return [...this.db.data.corrections].reverse();
  }
}

/** Opens (or creates) the corrections file, e.g. `${dataDir}/corrections.json`. */
export async function createLowdbCorrectionsStore(
  file: string,
  options: CorrectionsStoreOptions = {},
): Promise<CorrectionsStore> {
  await mkdir(dirname(file), { recursive: true });
  const db = await JSONFilePreset<CorrectionsData>(file, { corrections: [] });
  if (!Array.isArray(db.data.corrections)) db.data.corrections = [];
  return new LowdbCorrectionsStore(
    db,
    options.clock ?? systemClock,
    options.newId ?? randomUUID,
    options.max ?? MAX_CORRECTIONS,
  );
}
