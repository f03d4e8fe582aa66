/**
 * The X DM channel's BotAdapter: plain text with numbered choices (a bare
 * "2" maps back to the choice), sent through the X API; never messages
 * someone who opted out.
 */
import type { Activity } from 'botbuilder';
import { MessageAdapter, type MessageAdapterDeps } from '../common/message-adapter.js';
import { ChoiceMemory, type ChoiceStore, choicesOf, renderNumbered } from '../common/numbered-choices.js';
import { splitSms } from '../sms/sms-text.js';
import type { XSender } from './x-client.js';
import { X_CHANNEL_ID } from './x-inbound.js';

/** X allows 10,000 characters per direct message. */
export const X_MAX_DM_CHARS = 10_000;

export interface XAdapterDeps extends MessageAdapterDeps {
  readonly sender: XSender;
}

export class XAdapter extends MessageAdapter {
  readonly channelId = X_CHANNEL_ID;
  private readonly choices: ChoiceStore;

  constructor(private readonly x: XAdapterDeps) {
    super(x);
    this.choices = x.choices ?? new ChoiceMemory();
  }

  protected override async prepareInbound(activity: Partial<Activity>): Promise<Partial<Activity>> {
    const text = await this.choices.resolve(
      this.conversationKey(activity.conversation?.id),
      activity.text ?? '',
    );
    return this.withText(activity, text);
  }

  protected async deliver(activity: Partial<Activity>): Promise<string | undefined> {
    const participant = activity.recipient?.id ?? '';
    const choices = choicesOf(activity);
    if (choices.length > 0)
      await this.choices.remember(this.conversationKey(activity.conversation?.id), choices);
    const links = (activity.attachments ?? [])
      .map((a) => a.contentUrl)
      .filter((u): u is string => typeof u === 'string' && /^https:\/\//.test(u));
    const text = [renderNumbered(activity.text ?? '', choices), ...links].filter(Boolean).join('\n');
    let last: string | undefined;
    for (const part of splitSms(text, X_MAX_DM_CHARS)) last = await this.x.sender.send(participant, part);
    return last;
  }
}
