export { SmsAdapter, type SmsAdapterDeps } from './sms-adapter.js';
export {
  createSmsChannel,
  EMPTY_TWIML,
  SMS_PATH,
  type SmsChannel,
  type SmsChannelDeps,
  TWILIO_WEBHOOK_TIMEOUT_MS,
} from './sms-channel.js';
export { parseInboundSms, SMS_CHANNEL_ID, smsToActivity } from './sms-inbound.js';
export { renderSms } from './sms-renderer.js';
export { SMS_MAX_MESSAGE_CHARS, splitSms, toGsmSafe } from './sms-text.js';
export { createTwilioSender, type OutgoingSms, type SmsSender } from './twilio-sender.js';
export { signTwilioRequest, verifyTwilioSignature } from './twilio-signature.js';
