export { ChannelError, type ChannelErrorCode } from './common/channel-error.js';
export { MessageAdapter, type MessageAdapterDeps, type TurnRunner } from './common/message-adapter.js';
export {
  type ChannelStatusLine,
  createMessagingChannels,
  type MessagingChannel,
  type MessagingChannelId,
  type MessagingChannels,
  type MessagingChannelsDeps,
} from './messaging-channels.js';
export * from './slack/index.js';
export * from './sms/index.js';
export * from './x/index.js';
