import { ConversationLog } from '../../channels/directline/index.js';
import { describeDirectLineStoreContract } from './directline-store-contract.js';

describeDirectLineStoreContract('memory (ConversationLog)', async ({ clock, maxActivities, idleMs }) => ({
  store: new ConversationLog({ clock, maxActivities, idleMs }),
  cleanup: async () => undefined,
}));
