/**
 * Tells the requester and followers of a request when its status changes, on
 * the channel and conversation they used, through the registered adapter's
 * `continueConversation` with the stored conversation reference. Opt-outs are
 * checked at send time (and the adapters refuse opted-out recipients too).
 * A failed notice is logged; it never fails the status change.
 */
import type { BotAdapter } from 'botbuilder';
import type { ServiceCode } from '../knowledge/types.js';
import type {
  Requester,
  RequestStatus,
  ServiceRequest,
  StatusChange,
  StatusListener,
} from '../requests/types.js';
import type { ConversationStore, StoredReference } from './conversation-store.js';
import type { Logger } from './logger.js';
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

export class Notifier implements StatusListener {
  private readonly adapters = new Map<string, BotAdapter>();

  constructor(private readonly deps: NotifierDeps) {}

  /** Makes a channel reachable for notices (called by the composition root per mounted channel). */
  register(channelId: string, adapter: BotAdapter): void {
    this.adapters.set(channelId, adapter);
  }

  async statusChanged(request: ServiceRequest, change: StatusChange): Promise<void> {
    await this.notify(request, change);
  }

  /** Sends the notice to everyone concerned; resolves with what happened to each. */
  async notify(request: ServiceRequest, change: StatusChange): Promise<NoticeResult[]> {
    const { logger } = this.deps;
    const name = this.deps.serviceName?.(request.serviceCode) ?? humanise(request.serviceCode);
    const text = formatNotice(request, change, name, this.deps.timeZone);
    const results: NoticeResult[] = [];
    for (const recipient of await this.recipients(request)) {
      const outcome = await this.send(recipient, text);
      results.push({ channel: recipient.channel, userId: recipient.userId, outcome });
      const fields = { channel: recipient.channel, user: recipient.userId, request: request.id, outcome };
      if (outcome === 'sent') logger.info('status notice sent', fields);
      else if (outcome === 'failed') logger.warn('status notice failed', fields);
      else logger.info('status notice skipped', fields);
    }
    return results;
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

  private async send(recipient: Requester, text: string): Promise<NoticeOutcome> {
    const adapter = this.adapters.get(recipient.channel);
    if (!adapter) return 'no-channel';
    if (await this.deps.optOuts.isOptedOut(recipient.channel, recipient.userId)) return 'opted-out';
    const reference = await this.reference(recipient);
    if (!reference) return 'no-conversation';
    try {
      await adapter.continueConversation(reference, async (context) => {
        await context.sendActivity(text);
      });
      return 'sent';
    } catch (error) {
      this.deps.logger.error('status notice not delivered', { channel: recipient.channel, error });
      return 'failed';
    }
  }
}
