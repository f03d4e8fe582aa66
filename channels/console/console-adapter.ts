import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { TurnQueue } from '../../bot/turn-queue.js';

export const CONSOLE_CHANNEL_ID = 'console';

type Logic = (context: TurnContext) => Promise<void>;

export interface ConsoleAdapterOptions {
  /** Serialises turns per conversation; share one queue per process. */
  readonly queue?: TurnQueue;
  readonly channelId?: string;
  /** Receives what the bot sends outside a turn (proactive notices). */
  readonly onProactive?: (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => void;
}

const REPLIES = Symbol('consoleReplies');

/**
 * A channel that only moves messages in and out of the process: the `ask`
 * tool and tests drive the real pipeline through it. `process` runs one turn
 * and resolves with everything the bot sent during it.
 */
export class ConsoleAdapter extends BotAdapter {
  private readonly queue: TurnQueue;
  readonly channelId: string;

  constructor(private readonly options: ConsoleAdapterOptions = {}) {
    super();
    this.queue = options.queue ?? new TurnQueue();
    this.channelId = options.channelId ?? CONSOLE_CHANNEL_ID;
  }

  /** A message activity from `userId` in `conversationId`. */
  message(text: string, conversationId: string, userId = `user-${conversationId}`): Partial<Activity> {
    return {
      type: ActivityTypes.Message,
      id: randomUUID(),
      text,
      channelId: this.channelId,
      serviceUrl: 'console:',
      timestamp: new Date(),
      from: { id: userId, name: 'resident', role: 'user' },
      recipient: { id: 'bot', name: 'bot', role: 'bot' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    };
  }

  /** Runs one turn (queued behind earlier turns of the same conversation); resolves with the bot's replies. */
  async process(activity: Partial<Activity>, logic: Logic): Promise<Partial<Activity>[]> {
    const key = `${this.channelId}/${activity.conversation?.id ?? ''}`;
    return this.queue.run(key, async () => {
      const replies: Partial<Activity>[] = [];
      const context = new TurnContext(this, { channelId: this.channelId, ...activity } as Activity);
      context.turnState.set(REPLIES, replies);
      await this.runMiddleware(context, logic);
      return replies;
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    const sent: Partial<Activity>[] = [];
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = randomUUID();
      responses.push({ id });
      if (activity.type === 'delay' || activity.type === ActivityTypes.Trace) continue;
      sent.push({ ...activity, id });
    }
    if (replies) replies.push(...sent);
    else this.options.onProactive?.(TurnContext.getConversationReference(context.activity), sent);
    return responses;
  }

  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {}

  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {}

  /** Proactive turn (notices): what the bot sends goes to `onProactive`. */
  async continueConversation(reference: Partial<ConversationReference>, logic: Logic): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    const context = new TurnContext(this, activity as Activity);
    await this.runMiddleware(context, logic);
  }
}

/** A reply as plain text with its choices numbered, the way a text console shows it. */
export function renderConsoleReply(activity: Partial<Activity>): string {
  const choices = activity.suggestedActions?.actions ?? [];
  const lines = choices.map((a, i) => `${i + 1}. ${a.title ?? String(a.value)}`);
  return [activity.text ?? '', ...lines].filter((l) => l !== '').join('\n');
}
