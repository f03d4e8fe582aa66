import {
  BotState,
  ConversationState,
  type Storage,
  type StoreItem,
  type TurnContext,
  UserState,
} from 'botbuilder';

/**
 * Conversation and user state with a cheaper change check.
 *
 * botbuilder's BotState decides whether to save by hashing the state (a
 * cycle-safe stringify that calls a replacer for every key, then SHA-256)
 * when it loads it, before it saves and again after: about 7% of an SMS
 * question's CPU time. The state here is plain JSON (LowdbStorage keeps each
 * item as JSON text), so its JSON text is the change check: a change JSON
 * cannot see is one the store could not keep either.
 *
 * Same contract as BotState: the state is read once per turn and cached in
 * turn state (under its own key, which every method below uses), a
 * save writes only when something changed (or when forced) with eTag '*',
 * clear() forces the next save, delete() removes it from storage.
 */
interface Cached {
  readonly state: StoreItem;
  /** JSON text of the state (without its eTag) as last read or written. */
  text: string;
}

function changeText(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/** A BotState whose change check is the state's JSON text; keys as ConversationState and UserState make them. */
export class JsonBotState extends BotState {
  private readonly key = Symbol('state');

  constructor(storage: Storage, keyOf: (context: TurnContext) => string | undefined) {
    super(storage, async (context) => {
      const key = keyOf(context);
      if (!key) throw new Error('bot state: this activity has no conversation or user to keep state for');
      return key;
    });
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get(this.key) as Cached | undefined;
    if (!force && cached) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state: StoreItem = items[key] ?? {};
    context.turnState.set(this.key, { state, text: changeText(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const found = context.turnState.get(this.key) as Cached | undefined;
    if (!found && !force) return;
    const cached: Cached = found ?? { state: {}, text: '' };
    const text = changeText(cached.state);
    if (!force && text === cached.text) return;
    cached.state.eTag = '*';
    await this.storage.write({ [await this.storageKey(context)]: cached.state });
    cached.text = text;
    context.turnState.set(this.key, cached);
  }

  override async clear(context: TurnContext): Promise<void> {
    // An empty text never matches, so the next save writes the empty state.
    context.turnState.set(this.key, { state: {}, text: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.key);
    await this.storage.delete([await this.storageKey(context)]);
  }

  override get(context: TurnContext): StoreItem | undefined {
    return (context.turnState.get(this.key) as Cached | undefined)?.state;
  }
}

/** Conversation state (`<channel>/conversations/<id>/`), as botbuilder's ConversationState keys it. */
export function jsonConversationState(storage: Storage): JsonBotState {
  const keys = new ConversationState(storage);
  return new JsonBotState(storage, (context) => keys.getStorageKey(context));
}

/** User state (`<channel>/users/<id>/`), as botbuilder's UserState keys it. */
export function jsonUserState(storage: Storage): JsonBotState {
  const keys = new UserState(storage);
  return new JsonBotState(storage, (context) => keys.getStorageKey(context));
}
