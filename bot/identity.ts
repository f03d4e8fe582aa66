/**
 * Who sent a message lives with the dialogs that key requests and liaison
 * links by it (dialogs/identity.ts); bot/ and channels/ read it from here.
 */
export * from '../dialogs/identity.js';
