export { SlackAdapter, type SlackAdapterDeps } from './slack-adapter.js';
export { CHOICE_ACTION_PATTERN, markdownToMrkdwn, renderSlack } from './slack-blocks.js';
export {
  createSlackChannel,
  DEFAULT_SLACK_API_URL,
  type SlackChannel,
  type SlackChannelDeps,
} from './slack-channel.js';
export {
  addressOf,
  buttonToActivity,
  conversationIdOf,
  directMessageToActivity,
  mentionToActivity,
  SLACK_CHANNEL_ID,
  slackToPlain,
} from './slack-inbound.js';
export {
  SLACK_ACK_DEADLINE_MS,
  SLACK_BODY_LIMIT,
  SLACK_EVENTS_PATH,
  SlackReceiver,
} from './slack-receiver.js';
export {
  SLACK_SIGNATURE_MAX_AGE_SECONDS,
  signSlackRequest,
  verifySlackSignature,
} from './slack-signature.js';
