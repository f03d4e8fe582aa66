import type { Clock } from '../../bot/clock.js';
import type { Inbox } from '../../bot/inbox.js';
import { createMemoryInbox } from '../../bot/inbox-memory.js';
import { InboxWorker } from '../../bot/inbox-worker.js';
import { type Logger, silentLogger } from '../../bot/logger.js';

/** An inbox worker over a memory inbox, for channel tests that do not restart; `store` is the inbox itself. */
export function memoryInboxWorker(
  options: { logger?: Logger; clock?: Clock; inbox?: Inbox } = {},
): InboxWorker & { readonly store: Inbox } {
  const store = options.inbox ?? createMemoryInbox(options.clock);
  const worker = new InboxWorker({
    inbox: store,
    settled: async () => undefined,
    logger: options.logger ?? silentLogger,
    clock: options.clock,
    recoverEveryMs: 0,
  });
  return Object.assign(worker, { store });
}
