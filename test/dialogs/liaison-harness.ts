import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import {
  Dialog,
  type DialogContext,
  DialogSet,
  type DialogTurnResult,
  DialogTurnStatus,
} from 'botbuilder-dialogs';
import { LIAISON_DIALOG, LiaisonDialog } from '../../dialogs/liaison-dialog.js';
import type { LiaisonDialogDeps } from '../../dialogs/liaison-ports.js';

/**
 * Drives the real liaison dialog (and, through it, the real intake) the way
 * the main dialog does: a message no dialog is waiting for goes to
 * `LiaisonDialog.route`; what it leaves is answered "(main dialog)", so a test
 * sees which messages the liaison routes did not take.
 */
export const NOT_LIAISON = '(main dialog)';
const ROUTER = 'test-router';

class Router extends Dialog {
  constructor(private readonly liaison: LiaisonDialog) {
    super(ROUTER);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const routed = await this.liaison.route(dc, dc.context.activity.text ?? '');
    if (routed) return routed;
    await dc.context.sendActivity(NOT_LIAISON);
    return dc.endDialog();
  }

  async resumeDialog(dc: DialogContext, _reason: unknown, result?: unknown): Promise<DialogTurnResult> {
    if ((result as { reroute?: boolean } | undefined)?.reroute) return this.beginDialog(dc);
    return dc.endDialog(result);
  }
}

export interface Identity {
  readonly channelId: string;
  readonly userId: string;
}

/** One conversation per identity, over one dialog set (as the bot has). */
export function liaisonBot(deps: LiaisonDialogDeps) {
  const state = new ConversationState(new MemoryStorage());
  const set = new DialogSet(state.createProperty('dialogState'));
  const liaison = new LiaisonDialog(deps);
  set.add(liaison);
  set.add(new Router(liaison));
  const adapters = new Map<string, TestAdapter>();
  const adapterFor = (who: Identity): TestAdapter => {
    const key = `${who.channelId}:${who.userId}`;
    let adapter = adapters.get(key);
    if (adapter === undefined) {
      adapter = new TestAdapter(
        async (context) => {
          const dc = await set.createContext(context);
          const result = await dc.continueDialog();
          if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROUTER);
          await state.saveChanges(context);
        },
        {
          channelId: who.channelId,
          from: { id: who.userId, name: 'Liaison' },
          conversation: { id: key, isGroup: false, name: key, conversationType: 'personal' },
        },
      );
      adapters.set(key, adapter);
    }
    return adapter;
  };
  return {
    /** Sends one message and resolves with every reply of the turn. */
    async say(who: Identity, text: string): Promise<Partial<Activity>[]> {
      const adapter = adapterFor(who);
      await adapter.receiveActivity(text);
      return adapter.activeQueue.splice(0);
    },
    id: LIAISON_DIALOG,
  };
}

export type Step = readonly [said: string, ...expected: (string | RegExp)[]];

/** Plays turns of one identity: each turn's replies must be exactly as many as expected, each matching. */
export async function playAs(
  bot: ReturnType<typeof liaisonBot>,
  who: Identity,
  steps: readonly Step[],
): Promise<void> {
  for (const [said, ...expected] of steps) {
    const replies = await bot.say(who, said);
    const texts = replies.map((r) => r.text ?? '');
    const where = `${who.channelId} said ${JSON.stringify(said)}; bot said ${JSON.stringify(texts)}`;
    assert.equal(texts.length, expected.length, where);
    expected.forEach((e, i) => {
      if (typeof e === 'string') assert.ok(texts[i]!.includes(e), `${where}: expected ${JSON.stringify(e)}`);
      else assert.match(texts[i]!, e, where);
    });
  }
}
