/**
 * The SMS channel's BotAdapter: renders replies for SMS (numbered choices,
 * 320-character messages) and sends them through Twilio; maps a bare "2" back
 * to the last offered choice; never texts a number that opted out.
 */
import type { Activity } from 'botbuilder';
import type { OptOutStore } from '../../bot/opt-out-store.js';
import { MessageAdapter, type MessageAdapterDeps } from '../common/message-adapter.js';
import { ChoiceMemory, type ChoiceStore } from '../common/numbered-choices.js';
import { SMS_CHANNEL_ID } from './sms-inbound.js';
import { renderSms } from './sms-renderer.js';
import { type SmsSender, TWILIO_UNSUBSCRIBED_RECIPIENT, twilioErrorCode } from './twilio-sender.js';

export interface SmsAdapterDeps extends MessageAdapterDeps {
  readonly sender: SmsSender;
  readonly optOuts: OptOutStore;
}

export class SmsAdapter extends MessageAdapter {
  readonly channelId = SMS_CHANNEL_ID;
  private readonly choices: ChoiceStore;

  constructor(private readonly sms: SmsAdapterDeps) {
    super(sms);
    this.choices = sms.choices ?? new ChoiceMemory();
  }

  protected override async prepareInbound(activity: Partial<Activity>): Promise<Partial<Activity>> {
    const key = this.conversationKey(activity.conversation?.id);
    const text = await this.choices.resolve(key, activity.text ?? '');
    return this.withText(activity, text);
  }

  protected async deliver(activity: Partial<Activity>): Promise<string | undefined> {
    const to = activity.recipient?.id ?? '';
    const { messages, choices } = renderSms(activity);
    if (choices.length > 0)
      await this.choices.remember(this.conversationKey(activity.conversation?.id), choices);
    let last: string | undefined;
    for (const message of messages) {
      try {
        last = await this.sms.sender.send({ to, body: message.body, mediaUrls: message.mediaUrls });
      } catch (error) {
        if (twilioErrorCode(error) === TWILIO_UNSUBSCRIBED_RECIPIENT) {
          // The number opted out at the carrier/Twilio without us seeing it: remember it.
          await this.sms.optOuts.optOut(SMS_CHANNEL_ID, to, 'TWILIO-21610');
          this.sms.logger.warn('Twilio reports the number unsubscribed; opt-out recorded', { to });
          return undefined;
        }
        throw error;
      }
    }
    return last;
  }
}
