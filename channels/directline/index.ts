export * from './conversation-log.js';
export * from './create-directline.js';
export * from './directline-adapter.js';
export * from './directline-error.js';
export * from './directline-store.js';
export * from './directline-token.js';
export * from './upload-store.js';
