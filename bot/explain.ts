/**
 * The why-this-answer record lives with the dialogs that produce it
 * (dialogs/explain.ts); bot/ and channels/ read it from here.
 */
export * from '../dialogs/explain.js';
