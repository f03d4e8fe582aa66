import type { Activity } from 'botbuilder';
import { type ConversationStore, createMemoryConversationStore } from '../../bot/conversation-store.js';
import { silentLogger } from '../../bot/logger.js';
import { Notifier } from '../../bot/notifier.js';
import { createMemoryOptOutStore, type OptOutStore } from '../../bot/opt-out-store.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { MessageAdapter } from '../../channels/common/message-adapter.js';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';
import { loadCatalog, type ServiceCatalog } from '../../knowledge/service-catalog.js';
import { RequestService } from '../../requests/request-service.js';
import type { Requester, RequestStore } from '../../requests/types.js';

/** One message a fake provider accepted. */
export interface Delivered {
  readonly channel: string;
  readonly to: string | undefined;
  readonly text: string | undefined;
}

/**
 * A channel whose provider is a list: what it accepts is pushed to `log`
 * (shared by every instance of a test, as one real provider would be).
 * `failNext(n)` makes the next n sends throw as a provider outage would.
 */
export class FakeProviderAdapter extends MessageAdapter {
  private failures = 0;
  attempts = 0;

  constructor(
    readonly channelId: string,
    private readonly log: Delivered[],
    optOuts: OptOutStore,
  ) {
    super({ bot: { run: async () => {} }, queue: new TurnQueue(), logger: silentLogger, optOuts });
  }

  private failEvery = 0;

  failNext(count: number): void {
    this.failures = count;
  }

  /** Every n-th send from now on fails (0: none). */
  failEveryNth(n: number): void {
    this.failEvery = n;
  }

  protected async deliver(activity: Partial<Activity>): Promise<string> {
    this.attempts += 1;
    const nth = this.failEvery > 0 && this.attempts % this.failEvery === 0;
    if (this.failures > 0 || nth) {
      this.failures = Math.max(0, this.failures - 1);
      throw Object.assign(new Error('Service unavailable for +12155550111'), { status: 503 });
    }
    this.log.push({ channel: this.channelId, to: activity.recipient?.id, text: activity.text });
    return `m${this.log.length}`;
  }
}

export const reference = (channelId: string, userId: string) => ({
  channelId,
  conversation: { id: userId, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: userId, name: '' },
  bot: { id: 'bot', name: '' },
});

let catalog: Promise<ServiceCatalog> | undefined;

/** The request service over `store`, as the runtime builds it. */
export async function requestService(store: RequestStore, clock: () => Date): Promise<RequestService> {
  catalog ??= loadCatalog();
  return new RequestService({ store, catalog: await catalog, calendar: createHolidayCalendar(), clock });
}

export interface NoticeInstance {
  readonly requests: RequestService;
  readonly notifier: Notifier;
  readonly sms: FakeProviderAdapter;
  readonly slack: FakeProviderAdapter;
}

/**
 * One instance of the bot as far as notices go: the request service over its
 * store, and a notifier sending from the store's outbox through fake SMS and
 * Slack providers that record into `log`. Conversation references and
 * opt-outs are shared (they live in the database in production).
 */
export async function noticeInstance(options: {
  readonly store: RequestStore;
  readonly clock: () => Date;
  readonly log: Delivered[];
  readonly conversations?: ConversationStore;
  readonly optOuts?: OptOutStore;
  readonly pollMs?: number;
}): Promise<NoticeInstance> {
  const optOuts = options.optOuts ?? createMemoryOptOutStore();
  const requests = await requestService(options.store, options.clock);
  const notifier = new Notifier({
    conversations: options.conversations ?? createMemoryConversationStore(),
    optOuts,
    logger: silentLogger,
    requests: options.store,
    worker: { pollMs: options.pollMs ?? 0 },
  });
  const sms = new FakeProviderAdapter('sms', options.log, optOuts);
  const slack = new FakeProviderAdapter('slack', options.log, optOuts);
  notifier.register('sms', sms);
  notifier.register('slack', slack);
  requests.addListener(notifier);
  return { requests, notifier, sms, slack };
}

export const RESIDENT: Requester = { channel: 'sms', userId: '+12155550111', conversationId: '+12155550111' };

/** Files a pothole report from `requester`. */
export function filePothole(requests: RequestService, requester: Requester = RESIDENT) {
  return requests.file({
    serviceCode: 'pothole',
    location: { address: '1234 Spruce St' },
    description: 'Deep hole',
    requester,
  });
}
