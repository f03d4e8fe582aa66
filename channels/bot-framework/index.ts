export {
  BOT_FRAMEWORK_CHANNEL_IDS,
  BOT_FRAMEWORK_NAMESPACE,
  BotFrameworkAdapter,
  type BotFrameworkCredentials,
  botFrameworkChannel,
  createCloudAdapter,
  withoutExplain,
} from './bot-framework-adapter.js';
export { BOT_FRAMEWORK_PATH, type BotFrameworkRouteDeps, botFrameworkRouter } from './bot-framework-route.js';
export { isLoopbackAddress, isLoopbackUrl } from './loopback.js';
