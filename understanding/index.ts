/** The understanding layer: a resident's text -> what the bot needs (see README, layout). */
export * from './emergency/index.js';
export * from './search/index.js';
export * from './slots/index.js';
export * from './text/index.js';
export { type UnderstandDeps, type Understanding, understand } from './understand.js';
