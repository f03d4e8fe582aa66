import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { RouteDay } from '../knowledge/holiday-calendar.js';
import { identityOf } from './identity.js';

/**
 * The address a resident asked the bot to keep ("Save this address for next
 * time?"), in user state. It is stored with the identity that saved it (the
 * real channel plus user id, dialogs/identity.ts) and read back only by that
 * identity: a caller naming another channel's id on /api/messages shares the
 * state key but never sees it.
 */
export interface SavedAddress {
  readonly identity: string;
  readonly address: string;
  readonly trashDay?: RouteDay;
  readonly lat?: number;
  readonly long?: number;
  readonly savedAt: string;
}

const keyOf = (context: TurnContext): string => {
  const { channel, userId } = identityOf(context);
  return `${channel}:${userId}`;
};

export class AddressMemory {
  constructor(private readonly property: StatePropertyAccessor<SavedAddress | undefined>) {}

  async get(context: TurnContext): Promise<SavedAddress | undefined> {
    const saved = await this.property.get(context);
    return saved && saved.identity === keyOf(context) && typeof saved.address === 'string'
      ? saved
      : undefined;
  }

  async save(
    context: TurnContext,
    place: Omit<SavedAddress, 'identity' | 'savedAt'>,
    now: Date,
  ): Promise<void> {
    await this.property.set(context, { ...place, identity: keyOf(context), savedAt: now.toISOString() });
  }

  /** Removes it; true when this identity had one. */
  async forget(context: TurnContext): Promise<boolean> {
    if ((await this.get(context)) === undefined) return false;
    await this.property.delete(context);
    return true;
  }
}
