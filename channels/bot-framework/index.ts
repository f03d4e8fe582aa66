export {
  BOT_FRAMEWORK_PATH,
  type BotFrameworkCredentials,
  type BotFrameworkRouteDeps,
  botFrameworkRouter,
  createCloudAdapter,
} from './bot-framework-route.js';
