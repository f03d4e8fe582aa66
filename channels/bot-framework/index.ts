export {
  BOT_FRAMEWORK_CHANNEL_IDS,
  BOT_FRAMEWORK_PATH,
  BotFrameworkAdapter,
  type BotFrameworkCredentials,
  type BotFrameworkRouteDeps,
  botFrameworkRouter,
  createCloudAdapter,
} from './bot-framework-route.js';
