/**
 * Serialises work per key (a conversation): botbuilder's state saves with
 * eTag '*', so two turns of one conversation running at once would lose an
 * update. Turns of different conversations still run concurrently.
 *
 * Within a process the queue orders turns; across instances (PostgreSQL) a
 * `ConversationLock` is taken around each turn as well, so two instances that
 * receive one conversation's messages at once run them one after the other.
 */
export interface ConversationLock {
  /** Runs `work` while holding the lock named `key` on every instance. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly lock?: ConversationLock) {}

  /** Runs `work` after every earlier piece of work queued under `key` has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const locked = this.lock ? () => this.lock!.withLock(key, work) : work;
    const result = previous.then(locked, locked);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of conversations with queued or running work (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
