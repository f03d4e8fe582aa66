/**
 * The inbox: every message a provider delivers by webhook (SMS, Slack, X) is
 * stored under the provider's own id before the webhook is acknowledged, and
 * marked done once its turn has run and the turn's state is stored. So:
 *
 * - a provider's retry of an id already stored is a no-op, also after a
 *   restart (the de-duplication lives in the store, not in process memory);
 * - a message acknowledged just before a crash is still pending afterwards,
 *   and is processed on restart or by another instance (`claimPending`).
 *
 * Implementations: lowdb/JSON-lines in DATA_DIR (bot/inbox-file.ts) and
 * PostgreSQL (storage/postgres/inbox.ts); one contract suite runs on both.
 */
export interface InboxMessage {
  /** The channel id: 'sms', 'slack', 'x'. */
  readonly channel: string;
  /** The provider's id of this delivery: Twilio MessageSid, Slack event_id, X event id. */
  readonly id: string;
  /** What the turn needs to run again (a JSON-serialisable Activity). Personal data. */
  readonly payload: unknown;
  /** ISO 8601, when it was accepted. */
  readonly receivedAt: string;
  /** How many times it was handed out to run (1 on first acceptance). */
  readonly attempts: number;
}

export type AcceptOutcome = 'new' | 'duplicate';

export interface Inbox {
  /**
   * Stores the message unless (channel, id) is already stored, and resolves
   * once it is durably stored. 'new': the caller runs the turn now, and holds
   * it for `leaseMs` (no one else claims it meanwhile). 'duplicate': the id was
   * seen before (pending or done); nothing to do. Rejects when the store
   * cannot write: the webhook must then fail (503) so the provider retries.
   */
  accept(message: Omit<InboxMessage, 'attempts' | 'receivedAt'>, leaseMs: number): Promise<AcceptOutcome>;
  /**
   * Holds a message being run for another `leaseMs` from now (a turn that
   * waits behind others of its conversation, or a slow provider), so no other
   * instance takes it over meanwhile. Done or unknown messages are ignored.
   */
  extend(channel: string, id: string, leaseMs: number): Promise<void>;
  /** Marks the message handled; resolves once stored. Unknown ids are ignored. */
  done(channel: string, id: string): Promise<void>;
  /**
   * Pending messages whose lease has run out (their instance died, or their
   * turn never finished), oldest first, at most `limit`; each is leased to the
   * caller for `leaseMs` and its `attempts` counted, atomically, so two
   * instances never claim one message at once.
   */
  claimPending(limit: number, leaseMs: number): Promise<InboxMessage[]>;
  /**
   * Forgets done messages accepted more than `olderThanMs` ago (providers retry
   * within minutes; a day is ample); pending ones are kept whatever their age.
   * Resolves with how many were removed.
   */
  prune(olderThanMs: number): Promise<number>;
  close(): Promise<void>;
}
