/**
 * The base of our channel adapters (SMS, Slack, X): a botbuilder BotAdapter
 * that only moves messages. Subclasses deliver one outgoing message through
 * their provider; this class runs inbound turns behind the per-conversation
 * queue, supports proactive notices (continueConversation), refuses to send
 * to anyone who opted out (defence in depth: the keywords middleware and the
 * notifier check first), and keeps track of turns still running so tests and
 * shutdown can wait for them.
 */
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import { ActivityTypes, BotAdapter, TurnContext } from 'botbuilder';
import { TYPED_TEXT_KEY } from '../../bot/keywords-middleware.js';
import type { Logger } from '../../bot/logger.js';
import type { OptOutStore } from '../../bot/opt-out-store.js';
import type { TurnQueue } from '../../bot/turn-queue.js';
import { ChannelError } from './channel-error.js';
import type { ChoiceStore } from './numbered-choices.js';

/** The bot's turn handler (an ActivityHandler satisfies it). */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export interface MessageAdapterDeps {
  readonly bot: TurnRunner;
  readonly queue: TurnQueue;
  readonly logger: Logger;
  readonly optOuts: Pick<OptOutStore, 'isOptedOut'>;
  /** Where text-only channels keep the choices they numbered (default: in memory, one process). */
  readonly choices?: ChoiceStore;
}

export abstract class MessageAdapter extends BotAdapter {
  abstract readonly channelId: string;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(protected readonly deps: MessageAdapterDeps) {
    super();
  }

  /** Sends one message through the provider; resolves with the provider's message id. */
  protected abstract deliver(activity: Partial<Activity>): Promise<string | undefined>;

  /** Lets a subclass see each incoming activity before the turn (e.g. to map "2" to a choice). */
  protected async prepareInbound(activity: Partial<Activity>): Promise<Partial<Activity>> {
    return activity;
  }

  /** The activity with its text replaced, keeping what was typed for the keywords middleware. */
  protected withText(activity: Partial<Activity>, text: string): Partial<Activity> {
    if (text === activity.text) return activity;
    const channelData = {
      ...(activity.channelData as object | undefined),
      [TYPED_TEXT_KEY]: activity.text ?? '',
    };
    return { ...activity, text, channelData };
  }

  /**
   * Runs a turn for an incoming activity, queued behind earlier turns of its
   * conversation. Never rejects: resolves true once the turn has run, false
   * when it failed (logged; the inbox then keeps the message to run again).
   */
  receive(activity: Partial<Activity>): Promise<boolean> {
    const { bot, queue, logger } = this.deps;
    const key = this.conversationKey(activity.conversation?.id);
    const turn = queue
      .run(key, async () => {
        const context = new TurnContext(this, await this.prepareInbound(activity));
        return this.runMiddleware(context, (ctx) => bot.run(ctx));
      })
      .then(
        () => true,
        (error: unknown) => {
          logger.error('turn failed', { channel: this.channelId, error });
          return false;
        },
      );
    this.track(turn.then(() => undefined));
    return turn;
  }

  /** Counts work that will lead to a turn (e.g. a provider event still being dispatched) for `idle()`. */
  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves when no turn is running or queued (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if ((activity.type ?? ActivityTypes.Message) !== ActivityTypes.Message) {
        responses.push({ id: '' });
        continue;
      }
      const to = activity.recipient?.id;
      if (!to) throw new ChannelError('NO_CONVERSATION', 'an outgoing message has no recipient');
      if (await this.deps.optOuts.isOptedOut(this.channelId, to)) {
        this.deps.logger.warn('message to an opted-out user not sent', { channel: this.channelId, to });
        responses.push({ id: '' });
        continue;
      }
      responses.push({ id: (await this.deliver(activity)) ?? '' });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new ChannelError('NOT_SUPPORTED', `${this.channelId} cannot edit a sent message`);
  }

  async deleteActivity(): Promise<void> {
    throw new ChannelError('NOT_SUPPORTED', `${this.channelId} cannot delete a sent message`);
  }

  /** Proactive messages (status notices): runs `logic` in a turn for the stored conversation. */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!reference.conversation?.id) {
      throw new ChannelError('NO_CONVERSATION', 'the conversation reference has no conversation id');
    }
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { ...reference, channelId: this.channelId },
      true,
    );
    await this.deps.queue.run(this.conversationKey(reference.conversation.id), () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  protected conversationKey(conversationId: string | undefined): string {
    return `${this.channelId}:${conversationId ?? ''}`;
  }
}
