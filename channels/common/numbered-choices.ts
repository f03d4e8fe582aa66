/**
 * Choices for text-only channels (SMS, X): a reply's suggestedActions become
 * "Reply 1, 2 or 3" text, and the last offered choices are remembered per
 * conversation (in the bot's state, not in the process) so a bare "2"
 * reaches the dialog as the choice's value.
 */
import type { Activity, Storage } from 'botbuilder';

export interface OfferedChoice {
  readonly title: string;
  readonly value: string;
}

/** The choices a reply offers, in order (imBack/postBack/messageBack actions with a value or title). */
export function choicesOf(activity: Partial<Activity>): OfferedChoice[] {
  const actions = activity.suggestedActions?.actions ?? [];
  const out: OfferedChoice[] = [];
  for (const action of actions) {
    const title = String(action.title ?? action.text ?? action.value ?? '').trim();
    const raw = action.value ?? action.text ?? action.title;
    const value = typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
    if (title || value) out.push({ title: title || value, value: value || title });
  }
  return out;
}

/** "Reply 1", "Reply 1 or 2", "Reply 1, 2 or 3". */
export function replyPrompt(count: number): string {
  if (count <= 1) return 'Reply 1';
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return `Reply ${numbers.slice(0, -1).join(', ')} or ${numbers.at(-1)}`;
}

/** Appends numbered choices to a reply's text. */
export function renderNumbered(text: string, choices: readonly OfferedChoice[]): string {
  if (choices.length === 0) return text;
  const lines = choices.map((c, i) => `${i + 1}) ${c.title}`);
  return [text.trim(), ...lines, `${replyPrompt(choices.length)}.`].filter(Boolean).join('\n');
}

const NUMBER_REPLY = /^\s*#?(\d{1,2})\s*[.)]?\s*$/;

export const DEFAULT_CHOICE_MEMORY_MAX = 10_000;

/**
 * Where the last offered choices of each conversation are kept. The channel
 * itself holds nothing: the choices live in the bot's state storage
 * (`StateChoices`), so whichever instance takes the next message reads them.
 */
export interface ChoiceStore {
  remember(conversationKey: string, choices: readonly OfferedChoice[]): Promise<void>;
  /**
   * Maps a reply to the last offered choices and forgets them (they answer
   * one message only): "2" becomes the second choice's value; any other text
   * is returned unchanged.
   */
  resolve(conversationKey: string, text: string): Promise<string>;
}

function pick(choices: readonly OfferedChoice[] | undefined, text: string): string {
  if (!choices) return text;
  const match = NUMBER_REPLY.exec(text);
  if (!match) return text;
  const choice = choices[Number(match[1]) - 1];
  return choice ? choice.value : text;
}

/** Last offered choices per conversation in process memory (bounded: the oldest conversation is forgotten first). For tests and tools. */
export class ChoiceMemory implements ChoiceStore {
  private readonly offered = new Map<string, readonly OfferedChoice[]>();

  constructor(private readonly max = DEFAULT_CHOICE_MEMORY_MAX) {}

  async remember(conversationKey: string, choices: readonly OfferedChoice[]): Promise<void> {
    this.offered.delete(conversationKey);
    if (choices.length === 0) return;
    this.offered.set(conversationKey, choices);
    for (const key of this.offered.keys()) {
      if (this.offered.size <= this.max) break;
      this.offered.delete(key);
    }
  }

  async resolve(conversationKey: string, text: string): Promise<string> {
    const choices = this.offered.get(conversationKey);
    if (!choices) return text;
    this.offered.delete(conversationKey);
    return pick(choices, text);
  }
}

/**
 * The last offered choices as an item of the bot's state storage, beside the
 * conversation's own state (`<channel>/conversations/<id>/numbered-choices`,
 * so it expires with it). Read and written inside the conversation's turn,
 * which no other turn of that conversation interleaves with (TurnQueue and,
 * across instances, its lock): written with eTag '*'.
 */
export class StateChoices implements ChoiceStore {
  constructor(private readonly storage: Pick<Storage, 'read' | 'write' | 'delete'>) {}

  private keyOf(conversationKey: string): string {
    const split = conversationKey.indexOf(':');
    const channel = conversationKey.slice(0, split);
    const conversation = conversationKey.slice(split + 1);
    return `${channel}/conversations/${conversation}/numbered-choices`;
  }

  async remember(conversationKey: string, choices: readonly OfferedChoice[]): Promise<void> {
    const key = this.keyOf(conversationKey);
    if (choices.length === 0) await this.storage.delete([key]);
    else await this.storage.write({ [key]: { choices: choices.map((c) => ({ ...c })), eTag: '*' } });
  }

  async resolve(conversationKey: string, text: string): Promise<string> {
    const key = this.keyOf(conversationKey);
    const item = (await this.storage.read([key]))[key] as { choices?: OfferedChoice[] } | undefined;
    if (!item?.choices) return text;
    await this.storage.delete([key]);
    return pick(item.choices, text);
  }
}
