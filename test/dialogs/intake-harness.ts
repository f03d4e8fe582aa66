import assert from 'node:assert/strict';
import {
  type Activity,
  ConversationState,
  MemoryStorage,
  type Storage,
  TestAdapter,
  type TurnContext,
} from 'botbuilder';
import { type Dialog, DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { INTAKE_DIALOG, type IntakeOptions } from '../../dialogs/intake-dialog.js';
import type { ServiceCode } from '../../knowledge/types.js';

/**
 * Drives dialogs through botbuilder's TestAdapter the way a channel would: each
 * user message is a turn; state is saved between turns. `start` decides which
 * dialog a message begins when none is running (the main dialog's job in the bot).
 */
export type Start = (context: TurnContext) => { readonly id: string; readonly options?: object };

/** A user on a channel, as a channel adapter would address the turn. */
export interface TestUser {
  readonly channelId: string;
  readonly userId: string;
  readonly conversationId: string;
}
export const USER: TestUser = {
  channelId: 'sms',
  userId: '+12155550100',
  conversationId: 'sms:+12155550100',
};

/** The first message starts the intake the way the main dialog does: with the service it matched, and the text. */
export const startsIntake =
  (service?: string): Start =>
  (context) => ({
    id: INTAKE_DIALOG,
    options: {
      ...(service ? { service: service as ServiceCode } : {}),
      text: context.activity.text ?? '',
    } satisfies IntakeOptions,
  });

export function createDialogBot(
  dialogs: readonly Dialog[],
  start: Start,
  user = USER,
  storage: Storage = new MemoryStorage(),
): TestAdapter {
  const state = new ConversationState(storage);
  const set = new DialogSet(state.createProperty('dialogState'));
  for (const dialog of dialogs) set.add(dialog);
  return new TestAdapter(
    async (context) => {
      const dc = await set.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        const { id, options } = start(context);
        await dc.beginDialog(id, options);
      }
      await state.saveChanges(context);
    },
    {
      channelId: user.channelId,
      from: { id: user.userId, name: 'Resident' },
      conversation: {
        id: user.conversationId,
        isGroup: false,
        name: 'resident',
        conversationType: 'personal',
      },
    },
  );
}

export type Said = string | Partial<Activity>;
/** What the bot must answer: text it contains, a pattern, or a check of the whole reply. */
export type Expect = string | RegExp | ((reply: Partial<Activity>) => void);
export type Transcript = readonly (readonly [Said, Expect])[];

function check(reply: Partial<Activity>, expect: Expect, said: Said): void {
  const where = `after the user said ${JSON.stringify(typeof said === 'string' ? said : (said.text ?? '[attachment]'))}`;
  const text = reply.text ?? '';
  if (typeof expect === 'function') expect(reply);
  else if (typeof expect === 'string')
    assert.ok(
      text.includes(expect),
      `${where}: expected ${JSON.stringify(expect)} in ${JSON.stringify(text)}`,
    );
  else assert.ok(expect.test(text), `${where}: expected ${expect} to match ${JSON.stringify(text)}`);
}

/** Plays a transcript: every user message gets exactly one reply, checked in order. */
export async function play(adapter: TestAdapter, transcript: Transcript): Promise<void> {
  for (const [said, expect] of transcript) {
    const replies: Partial<Activity>[] = [];
    await adapter.send(said).assertReply((a) => {
      replies.push(a);
    });
    check(replies[0]!, expect, said);
  }
  // No stray extra replies.
  assert.equal(
    adapter.activeQueue.length,
    0,
    `unexpected extra replies: ${adapter.activeQueue.map((a) => a.text).join(' | ')}`,
  );
}

export const choicesOf = (reply: Partial<Activity>): string[] =>
  (reply.suggestedActions?.actions ?? []).map((a) => String(a.value));

export const explainOf = (reply: Partial<Activity>): Record<string, unknown> | undefined =>
  (reply.channelData as { explain?: Record<string, unknown> } | undefined)?.explain;

export function photo(url: string, text?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(text ? { text } : {}),
    attachments: [{ contentType: 'image/jpeg', contentUrl: url }],
  };
}
