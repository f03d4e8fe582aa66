/**
 * Serialises work per key (a conversation): botbuilder's state saves with
 * eTag '*', so two turns of one conversation running at once would lose an
 * update. Turns of different conversations still run concurrently.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier piece of work queued under `key` has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
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
