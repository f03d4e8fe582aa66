export { X_MAX_DM_CHARS, XAdapter, type XAdapterDeps } from './x-adapter.js';
export {
  createXChannel,
  X_ACK_DEADLINE_MS,
  X_SIGNATURE_HEADER,
  X_WEBHOOK_PATH,
  type XChannel,
  type XChannelDeps,
} from './x-channel.js';
export { createXSender, type XSender } from './x-client.js';
export { dmToActivity, parseXEvents, X_CHANNEL_ID } from './x-inbound.js';
export { crcResponseToken, signXBody, verifyXSignature } from './x-signature.js';
