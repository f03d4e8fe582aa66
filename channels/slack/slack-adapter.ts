/**
 * The Slack channel's BotAdapter: posts replies with chat.postMessage into
 * the same DM or thread, choices as Block Kit buttons; never messages
 * someone who opted out.
 */
import type { webApi } from '@slack/bolt';
import type { Activity } from 'botbuilder';
import { ChannelError } from '../common/channel-error.js';
import { MessageAdapter, type MessageAdapterDeps } from '../common/message-adapter.js';
import { renderSlack } from './slack-blocks.js';
import { addressOf, SLACK_CHANNEL_ID } from './slack-inbound.js';

export interface SlackAdapterDeps extends MessageAdapterDeps {
  readonly client: webApi.WebClient;
  readonly botToken: string;
}

export class SlackAdapter extends MessageAdapter {
  readonly channelId = SLACK_CHANNEL_ID;

  constructor(private readonly slack: SlackAdapterDeps) {
    super(slack);
  }

  protected async deliver(activity: Partial<Activity>): Promise<string | undefined> {
    const { channel, threadTs } = addressOf(activity.conversation?.id ?? '');
    const { text, blocks } = renderSlack(activity);
    try {
      const result = await this.slack.client.chat.postMessage({
        token: this.slack.botToken,
        channel,
        text,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      } as webApi.ChatPostMessageArguments);
      return result.ts;
    } catch (error) {
      throw new ChannelError('PROVIDER_FAILED', 'Slack did not accept the message', { cause: error });
    }
  }
}
