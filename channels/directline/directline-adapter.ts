import {
  type Activity,
  BotAdapter,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { Clock } from '../../bot/clock.js';
import { EXPLAIN_KEY } from '../../bot/explain.js';
import type { Logger } from '../../bot/logger.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { DirectLineError } from './directline-error.js';
import type { DirectLineConversation, DirectLineStore } from './directline-store.js';

export const DIRECT_LINE_CHANNEL_ID = 'directline';
/** The longest `delay` activity we honour inside a turn. */
const MAX_DELAY_MS = 5_000;

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineAdapterOptions {
  readonly store: DirectLineStore;
  readonly logic: TurnLogic;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queue?: TurnQueue;
  readonly bot?: { readonly id: string; readonly name: string };
  readonly serviceUrl?: string;
}

/**
 * A Bot Framework channel for our own Direct Line endpoint: inbound activities
 * are echoed into the conversation's store and run through the bot; the bot's
 * replies (and proactive messages) are appended to the same store, which the
 * HTTP polling and WebSocket streams read (on whichever instance they are open).
 */
export class DirectLineAdapter extends BotAdapter {
  readonly botAccount: ChannelAccount;
  readonly serviceUrl: string;
  private readonly queue: TurnQueue;

  constructor(private readonly options: DirectLineAdapterOptions) {
    super();
    this.queue = options.queue ?? new TurnQueue();
    this.botAccount = { id: options.bot?.id ?? 'bot', name: options.bot?.name ?? 'Bot', role: 'bot' };
    this.serviceUrl = options.serviceUrl ?? 'urn:directline:local';
  }

  /** Runs the conversationUpdate turn that lets the bot greet a new conversation (Web Chat sends nothing first). */
  async startConversation(conversation: DirectLineConversation): Promise<void> {
    const activity = this.inbound(conversation, {
      type: 'conversationUpdate',
      membersAdded: [this.userAccount(conversation), this.botAccount],
    });
    await this.runTurn(conversation, activity);
  }

  /**
   * Takes an activity a client posted (already validated), echoes it into the
   * stream and runs the bot. Returns the id once the echo is stored, and a
   * promise for the turn.
   */
  async receive(
    conversation: DirectLineConversation,
    posted: Partial<Activity>,
  ): Promise<{ id: string; turn: Promise<void> }> {
    const activity = this.inbound(conversation, posted);
    let id = '';
    if (activity.type !== 'typing') {
      id = (await this.options.store.append(conversation.id, activity)) ?? '';
      if (!id) throw new DirectLineError('CONVERSATION_NOT_FOUND');
      activity.id = id;
    }
    return { id, turn: this.runTurn(conversation, activity) };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id ?? '';
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        const ms = Math.min(Number(activity.value) || 0, MAX_DELAY_MS);
        await new Promise((resolve) => setTimeout(resolve, ms));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === 'invokeResponse' || activity.type === 'trace') {
        responses.push({ id: '' });
        continue;
      }
      const conversation = await this.options.store.get(activity.conversation?.id ?? conversationId);
      if (!conversation) throw new DirectLineError('CONVERSATION_NOT_FOUND');
      const outgoing = {
        ...activity,
        ...(typeof activity.text === 'string' ? { text: inertHtml(activity.text, activity.textFormat) } : {}),
        channelId: DIRECT_LINE_CHANNEL_ID,
        serviceUrl: this.serviceUrl,
        conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
        from: this.botAccount,
        recipient: this.userAccount(conversation),
        timestamp: this.options.clock(),
        channelData: botChannelData(activity.channelData, conversation.staff),
      } as Activity;
      if (outgoing.channelData === undefined) delete outgoing.channelData;
      const id = await this.options.store.append(conversation.id, outgoing);
      if (id === undefined) throw new DirectLineError('CONVERSATION_NOT_FOUND');
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new DirectLineError(
      'BAD_ACTIVITY',
      'Direct Line conversations here do not support updating activities.',
    );
  }

  async deleteActivity(): Promise<void> {
    // Nothing to do: a sent activity stays in the transcript.
  }

  /** Proactive messages (status notices): runs `logic` with a context addressed to the stored conversation. */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const conversation = await this.options.store.get(reference.conversation?.id ?? '');
    if (!conversation) throw new DirectLineError('CONVERSATION_NOT_FOUND');
    const event = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, event), logic);
  }

  private userAccount(conversation: DirectLineConversation): ChannelAccount {
    return { id: conversation.userId, name: '', role: 'user' };
  }

  private inbound(conversation: DirectLineConversation, posted: Partial<Activity>): Activity {
    return {
      ...posted,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: this.userAccount(conversation),
      recipient: this.botAccount,
      timestamp: this.options.clock(),
    } as Activity;
  }

  private runTurn(conversation: DirectLineConversation, activity: Activity): Promise<void> {
    return this.queue
      .run(conversation.id, () => this.runMiddleware(new TurnContext(this, activity), this.options.logic))
      .catch((error: unknown) => {
        this.options.logger.error('directline turn failed', {
          conversation: conversation.id.slice(0, 6),
          error: error instanceof Error ? error : String(error),
        });
      });
  }
}

/**
 * Renders a reply for Web Chat, which reads a bot's text as Markdown: HTML is
 * let through there, so a reply quoting what a resident typed must never
 * become markup (`&lt;` shows as `<`); and a single line break, which Markdown
 * would fold into a space, stays a line break (summaries, lists of choices).
 */
function inertHtml(text: string, format: string | undefined): string {
  if (format === 'plain' || format === 'xml') return text;
  return text.replace(/</g, '&lt;').replace(/(?<!\n| {2})\n(?!\n)/g, '  \n');
}

/** The bot's own channelData; the explanation only reaches staff console conversations. */
function botChannelData(channelData: unknown, staff: boolean): unknown {
  if (!channelData || typeof channelData !== 'object' || staff) return channelData;
  const { [EXPLAIN_KEY]: _explain, ...rest } = channelData as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
