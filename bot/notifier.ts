/**
 * Tells the requester and followers of a request when its status changes, on
 * the channel and conversation they used, through the registered adapter's
 * `continueConversation` with the stored conversation reference. Opt-outs are
 * checked at send time (and the adapters refuse opted-out recipients too).
 *
 * Given the request store (`requests`), the notifier sends from its outbox:
 * the store queued each change's notice in the same write as the change, and
 * a status change only wakes the notice worker (bot/notice-worker.ts), which
 * claims, sends, retries failures with backoff and sends each notice once
 * however many instances run. Without it (tests of the wording and routing)
 * `statusChanged` sends at once and a failure is only logged. A notice never
 * fails the status change.
 */
import type { BotAdapter } from 'botbuilder';
import type { ServiceCode } from '../knowledge/types.js';
import type {
  Requester,
  RequestStatus,
  RequestStore,
  ServiceRequest,
  StatusChange,
  StatusListener,
} from '../requests/types.js';
import type { ConversationStore, StoredReference } from './conversation-store.js';
import type { Logger } from './logger.js';
import { type NoticeSender, NoticeWorker, type NoticeWorkerOptions } from './notice-worker.js';
import type { OptOutStore } from './opt-out-store.js';

export type NoticeOutcome = 'sent' | 'opted-out' | 'no-channel' | 'no-conversation' | 'failed';

export interface NoticeResult {
  readonly channel: string;
  readonly userId: string;
  readonly outcome: NoticeOutcome;
}

export interface NotifierDeps {
  readonly conversations: ConversationStore;
  readonly optOuts: OptOutStore;
  readonly logger: Logger;
  /** The name residents know a service by ("Pothole"); defaults to the code. */
  readonly serviceName?: (code: ServiceCode) => string | undefined;
  /** More people to tell (e.g. the liaison account that filed the request). */
  readonly extraRecipients?: (request: ServiceRequest) => Promise<readonly Requester[]>;
  /** IANA time zone for "Expected by" dates; the sample city is Philadelphia. */
  readonly timeZone?: string;
  /** The request store whose outbox holds the notices; absent: send at once, unqueued (tests). */
  readonly requests?: Pick<RequestStore, 'get' | 'outbox'>;
  /** How the outbox is worked (poll interval, lease, batch). */
  readonly worker?: NoticeWorkerOptions;
}

const STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Received',
  'in-progress': 'In progress',
  scheduled: 'Scheduled',
  duplicate: 'Merged with an earlier report of the same problem',
  'closed-fixed': 'Fixed',
  'closed-unfounded': 'Closed, no problem found on inspection',
  'not-city-responsibility': "Closed, not the city's responsibility",
};

const OPEN: ReadonlySet<RequestStatus> = new Set(['received', 'in-progress', 'scheduled']);

function humanise(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Update on request #12345678 (Pothole): In progress - crew assigned. Expected by Wed, Nov 25." */
export function formatNotice(
  request: ServiceRequest,
  change: StatusChange,
  serviceName: string,
  timeZone = 'America/New_York',
): string {
  let status = STATUS_LABELS[change.status];
  if (change.status === 'duplicate' && change.parent) status = `Merged with request #${change.parent}`;
  const note = change.note?.trim().replace(/[.!\s]+$/, '');
  let text = `Update on request #${request.id} (${serviceName}): ${status}${note ? ` - ${note}` : ''}.`;
  if (OPEN.has(change.status) && request.expectedAt) {
    const date = new Date(request.expectedAt);
    if (!Number.isNaN(date.getTime())) {
      const day = new Intl.DateTimeFormat('en-US', {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        timeZone,
      }).format(date);
      text += ` Expected by ${day}.`;
    }
  }
  return text;
}

export class Notifier implements StatusListener, NoticeSender {
  private readonly adapters = new Map<string, BotAdapter>();
  /** Sends from the outbox; undefined without `requests`. */
  private readonly worker: NoticeWorker | undefined;

  constructor(private readonly deps: NotifierDeps) {
    if (deps.requests) {
      this.worker = new NoticeWorker({
        ...deps.worker,
        outbox: deps.requests.outbox,
        requests: deps.requests,
        sender: this,
        logger: deps.logger,
      });
    }
  }

  /** Makes a channel reachable for notices (called by the composition root per mounted channel). */
  register(channelId: string, adapter: BotAdapter): void {
    this.adapters.set(channelId, adapter);
  }

  /** Starts sending from the outbox (what is due now, then every few seconds); call once every channel is registered. */
  start(): void {
    this.worker?.start();
  }

  /** Sends what the outbox holds due now (as the poll does); resolves when done. */
  async sendDue(): Promise<void> {
    await this.worker?.wake();
  }

  /** Resolves once no notice is being sent. */
  async idle(): Promise<void> {
    await this.worker?.idle();
  }

  /** Stops sending from the outbox; waits for the sends under way. */
  async stop(): Promise<void> {
    await this.worker?.stop();
  }

  /** The store queued the notice with the change: wake the worker (it never waits for the send). */
  async statusChanged(request: ServiceRequest, change: StatusChange): Promise<void> {
    if (this.worker) void this.worker.wake();
    else await this.notify(request, change);
  }

  /** Sends the notice to everyone concerned at once (not through the outbox); resolves with what happened to each. */
  async notify(request: ServiceRequest, change: StatusChange): Promise<NoticeResult[]> {
    const { text, recipients } = await this.compose(request, change);
    const results: NoticeResult[] = [];
    for (const recipient of recipients) {
      const { outcome } = await this.deliver(recipient, text, request);
      results.push({ channel: recipient.channel, userId: recipient.userId, outcome });
    }
    return results;
  }

  async compose(
    request: ServiceRequest,
    change: StatusChange,
  ): Promise<{ readonly text: string; readonly recipients: readonly Requester[] }> {
    const name = this.deps.serviceName?.(request.serviceCode) ?? humanise(request.serviceCode);
    const text = formatNotice(request, change, name, this.deps.timeZone);
    return { text, recipients: await this.recipients(request) };
  }

  /** Sends to one recipient and logs what happened; never rejects. */
  async deliver(
    recipient: Requester,
    text: string,
    request: ServiceRequest,
  ): Promise<{ readonly outcome: NoticeOutcome; readonly error?: unknown }> {
    const { logger } = this.deps;
    const delivery = await this.send(recipient, text);
    const { outcome } = delivery;
    const fields = { channel: recipient.channel, user: recipient.userId, request: request.id, outcome };
    if (outcome === 'sent') logger.info('status notice sent', fields);
    else if (outcome === 'failed') logger.warn('status notice failed', fields);
    else logger.info('status notice skipped', fields);
    return delivery;
  }

  private async recipients(request: ServiceRequest): Promise<Requester[]> {
    const extra = (await this.deps.extraRecipients?.(request)) ?? [];
    const seen = new Set<string>();
    const out: Requester[] = [];
    for (const r of [request.requester, ...request.followers, ...extra]) {
      const key = `${r.channel}:${r.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
    return out;
  }

  private async reference(recipient: Requester): Promise<StoredReference | undefined> {
    const { conversations } = this.deps;
    const byConversation = recipient.conversationId
      ? await conversations.get(recipient.channel, recipient.conversationId)
      : undefined;
    return byConversation ?? (await conversations.findByUser(recipient.channel, recipient.userId));
  }

  private async send(
    recipient: Requester,
    text: string,
  ): Promise<{ readonly outcome: NoticeOutcome; readonly error?: unknown }> {
    const adapter = this.adapters.get(recipient.channel);
    if (!adapter) return { outcome: 'no-channel' };
    try {
      if (await this.deps.optOuts.isOptedOut(recipient.channel, recipient.userId)) {
        return { outcome: 'opted-out' };
      }
      const reference = await this.reference(recipient);
      if (!reference) return { outcome: 'no-conversation' };
      await adapter.continueConversation(reference, async (context) => {
        await context.sendActivity(text);
      });
      return { outcome: 'sent' };
    } catch (error) {
      this.deps.logger.error('status notice not delivered', { channel: recipient.channel, error });
      return { outcome: 'failed', error };
    }
  }
}
