import { randomUUID } from 'node:crypto';
import { systemClock } from '../../bot/clock.js';
import {
  type Correction,
  type CorrectionsStore,
  type CorrectionsStoreOptions,
  MAX_CORRECTIONS,
} from '../../bot/corrections-store.js';
import type { ExplainOutcome } from '../../bot/explain.js';
import type { TopicId } from '../../knowledge/types.js';
import type { Database } from './database.js';
import { pgText } from './pg-text.js';

/**
 * Staff corrections in PostgreSQL (table `corrections`, migration 003): one
 * row each, ordered by an identity column, so corrections made on different
 * instances at the same moment are all kept. After each addition the oldest
 * beyond `max` (MAX_CORRECTIONS) are deleted.
 */
interface Row {
  id: string;
  made_at: Date;
  question: string;
  outcome: string;
  answered_topic: string | null;
  score: number;
  correct_topic: string | null;
  note: string | null;
  made_by: string;
}

function toCorrection(row: Row): Correction {
  return {
    id: row.id,
    at: row.made_at.toISOString(),
    question: row.question,
    outcome: row.outcome as ExplainOutcome,
    answeredTopic: row.answered_topic as TopicId | null,
    score: row.score,
    correctTopic: row.correct_topic as TopicId | null,
    ...(row.note === null ? {} : { note: row.note }),
    by: row.made_by,
  };
}

export function createPostgresCorrectionsStore(
  db: Database,
  options: CorrectionsStoreOptions = {},
): CorrectionsStore {
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? randomUUID;
  const max = options.max ?? MAX_CORRECTIONS;
  return {
    async add(correction) {
      const { rows } = await db.query<Row>(
        `INSERT INTO corrections
           (id, made_at, question, outcome, answered_topic, score, correct_topic, note, made_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, made_at, question, outcome, answered_topic, score, correct_topic, note, made_by`,
        [
          newId(),
          clock(),
          pgText(correction.question),
          correction.outcome,
          correction.answeredTopic,
          correction.score,
          correction.correctTopic,
          correction.note === undefined ? null : pgText(correction.note),
          pgText(correction.by),
        ],
      );
      // After the insert (committed): of concurrent additions the last trim sees them all.
      await db.query(
        `DELETE FROM corrections WHERE seq <= (
           SELECT seq FROM corrections ORDER BY seq DESC OFFSET $1 LIMIT 1)`,
        [max],
      );
      return toCorrection(rows[0]!);
    },
    async list() {
      const { rows } = await db.query<Row>(
        `SELECT id, made_at, question, outcome, answered_topic, score, correct_topic, note, made_by
           FROM corrections ORDER BY seq DESC`,
      );
      return rows.map(toCorrection);
    },
  };
}
