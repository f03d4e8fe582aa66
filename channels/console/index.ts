export {
  CONSOLE_CHANNEL_ID,
  ConsoleAdapter,
  type ConsoleAdapterOptions,
  renderConsoleReply,
} from './console-adapter.js';
