import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { EXPLAIN_KEY } from '../../bot/explain.js';
import { IDENTITY_CHANNEL } from '../../dialogs/identity.js';
import { ChannelError } from '../common/channel-error.js';
import { isLoopbackUrl } from './loopback.js';

export interface BotFrameworkCredentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly tenantId?: string;
}

/**
 * Everything that arrives on /api/messages is a Bot Framework identity, whatever
 * channel id the activity names: an activity saying `sms` is
 * `bot-framework:sms`, never the SMS channel's `sms`.
 */
export const BOT_FRAMEWORK_NAMESPACE = 'bot-framework:';

/** The identity channel of a Bot Framework channel id ('emulator' -> 'bot-framework:emulator'). */
export function botFrameworkChannel(channelId: string | undefined): string {
  return `${BOT_FRAMEWORK_NAMESPACE}${channelId || 'unknown'}`;
}

/** Bot Framework channel ids whose conversations get status notices (as `bot-framework:<id>`). */
export const BOT_FRAMEWORK_CHANNEL_IDS = [
  'emulator',
  'msteams',
  'webchat',
  'skype',
  'telegram',
  'facebook',
] as const;

/**
 * botbuilder's CloudAdapter. Without an app id it accepts unauthenticated
 * activities and replies to their serviceUrl - the Bot Framework Emulator's
 * protocol (the route lets only loopback in); with deliveryMode 'expectReplies'
 * the replies come back in the HTTP response instead. With an app id, Azure Bot
 * Service tokens are checked.
 */
export function createCloudAdapter(credentials: BotFrameworkCredentials): BotFrameworkAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.tenantId ? 'SingleTenant' : 'MultiTenant',
  };
  return new BotFrameworkAdapter(
    new ConfigurationBotFrameworkAuthentication(options),
    credentials.appId ?? '',
  );
}

/** The activity without `channelData.explain` (scores and alternatives are not for Azure channels). */
export function withoutExplain<A extends Partial<Activity>>(activity: A): A {
  const data = activity.channelData as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || !(EXPLAIN_KEY in data)) return activity;
  const { [EXPLAIN_KEY]: _explain, ...rest } = data;
  const { channelData: _data, ...bare } = activity;
  return (Object.keys(rest).length > 0 ? { ...bare, channelData: rest } : bare) as A;
}

/**
 * The CloudAdapter as the rest of the bot sees it:
 * - each turn records its identity channel (`bot-framework:<channelId>`) for
 *   `identityOf`, so opt-outs, liaison links, requests and conversation
 *   references never land on another channel's identities;
 * - `continueConversation(reference, logic)` works like every other channel's
 *   (CloudAdapter only implements the app-id variant), taking the stored
 *   reference's identity channel back to the Bot Framework channel id, so the
 *   notifier reaches Emulator and Azure conversations; in Emulator mode only
 *   loopback serviceUrls are called;
 * - with an app id (Azure Bot Service), `channelData.explain` is removed from
 *   everything sent, and from replies returned for deliveryMode 'expectReplies'.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  /** True with an app id: Azure Bot Service tokens are required and explain stays home. */
  readonly authenticated: boolean;

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly appId: string,
  ) {
    super(auth);
    this.authenticated = appId !== '';
  }

  override continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!this.authenticated && !isLoopbackUrl(reference.serviceUrl)) {
      return Promise.reject(
        new ChannelError('FORBIDDEN', 'Emulator mode replies only to loopback serviceUrls'),
      );
    }
    const channelId = reference.channelId?.startsWith(BOT_FRAMEWORK_NAMESPACE)
      ? reference.channelId.slice(BOT_FRAMEWORK_NAMESPACE.length)
      : reference.channelId;
    return this.continueConversationAsync(this.appId, { ...reference, channelId }, logic);
  }

  override sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    return super.sendActivities(context, this.authenticated ? activities.map(withoutExplain) : activities);
  }

  protected override async runMiddleware(
    context: TurnContext,
    next: (revocableContext: TurnContext) => Promise<void>,
  ): Promise<void> {
    context.turnState.set(IDENTITY_CHANNEL, botFrameworkChannel(context.activity.channelId));
    await super.runMiddleware(context, next);
    // expectReplies: the replies go back in the HTTP response, not through sendActivities.
    if (this.authenticated) {
      const buffered = context.bufferedReplyActivities;
      buffered.splice(0, buffered.length, ...buffered.map(withoutExplain));
    }
  }
}
