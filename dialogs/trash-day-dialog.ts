import type { HolidayCalendar } from '../knowledge/holiday-calendar.js';
import type { SearchHit, TopicId } from '../knowledge/types.js';
import { normalizeAddress } from '../requests/address.js';
import type { AddressLookup, GeocodeCandidate } from '../requests/geocoder/index.js';
import { readAddress } from '../understanding/slots/address.js';
import { matchChoice } from '../understanding/slots/choice-match.js';
import { isNo, isYes } from '../understanding/slots/text-intents.js';
import type { AddressMemory } from './address-memory.js';
import { Dialog, type DialogContext, type DialogTurnResult, type RouteContext } from './dialogs-lib.js';
import { type Explain, explainHits } from './explain.js';
import type { FollowUpResult } from './offer-report-dialog.js';
import { plainExplain, reply, YES_NO } from './replies.js';
import { trashDayText } from './trash-day-answer.js';

export const TRASH_DAY_DIALOG = 'trashDay';
export const TRASH_DAY_TOPIC = 'trash-collection-day' as TopicId;

/** Questions about set-out times or limits, which the stored answer covers without an address. */
const ABOUT_SET_OUT =
  /\b(what time|how early|too early|night before|by when|how late|how many (bags|cans)|how heavy|lbs?|pounds|hora|temprano)\b/i;
/** "forget my address", "delete my saved address", "olvida mi dirección". */
const FORGET =
  /\b(forget|delete|remove|erase|clear)\b.{0,20}\b(address|addr)\b|\bolvid[ae]\b.{0,12}\bdirecci[oó]n\b/i;

/** A question about the collection day itself, even with an address in it ("trash day 1234 spruce st"). */
const ASKS_DAY =
  /\b(?:trash|garbage|recycling|rubbish|basura)\s+(?:pick\s?up\s+|collection\s+)?day\b|\b(?:when|what day)\s+(?:is|does|do|are)\s+(?:my\s+|the\s+)?(?:trash|garbage|recycling|rubbish)\b/i;
/** A missed collection is a report, not a question. */
const MISSED = /\b(?:miss(?:ed)?|didn'?t|did not|never|not (?:picked|collected|taken)|skipped|left)\b/i;

/** "trash day for 1234 Spruce St": answered here, before the report routes read it as a missed collection. */
export const asksTrashDay = (text: string): boolean => ASKS_DAY.test(text) && !MISSED.test(text);

export const asksToForgetAddress = (text: string): boolean => FORGET.test(text);

/** Whether a trash-day question needs the resident's address (not a set-out time question). */
export const wantsTrashDay = (topic: TopicId, question: string): boolean =>
  topic === TRASH_DAY_TOPIC && !ABOUT_SET_OUT.test(question);

export const NOT_FOUND =
  "I couldn't find that address. Send a house number and street, or the nearest corner.";
const ASK =
  "What's your street address? I'll look up your trash and recycling day (for example: 1234 Spruce St).";
const NONE_OF_THESE = 'None of these';

export interface TrashDayOptions {
  readonly question: string;
  readonly hits?: readonly SearchHit[];
  readonly chosen?: SearchHit;
}

interface Choice {
  readonly address: string;
  readonly lat?: number;
  readonly long?: number;
  readonly trashDay?: GeocodeCandidate['trashDay'];
}

interface State {
  stage: 'address' | 'choose' | 'save';
  question: string;
  explain: Explain;
  tries: number;
  choices?: Choice[];
  found?: Choice;
}

export interface TrashDayDeps {
  readonly geocoder: AddressLookup;
  readonly memory: AddressMemory;
  readonly calendar: HolidayCalendar;
  readonly clock: () => Date;
  /** The stored article's answer (the general answer when the address cannot be looked up). */
  readonly general: (question: string) => string;
}

const choiceOf = (c: GeocodeCandidate): Choice => ({
  // The project's one spelling of addresses ("1234 SPRUCE ST" -> "1234 Spruce St").
  address: normalizeAddress(c.address) ?? c.address,
  lat: c.lat,
  long: c.long,
  ...(c.trashDay ? { trashDay: c.trashDay } : {}),
});

/**
 * "When is trash day?" answered for the resident's address: from the message
 * ("trash day for 1234 Spruce St"), from an address they saved, or asked for
 * (one question). Several matches become choices; an address not found is
 * asked once more, then the general answer is given. After an answer the bot
 * offers to save the address ("Save this address for next time?"). When the
 * geocoder cannot answer (none configured, down, slow) the general answer is
 * given, as before the geocoder existed.
 */
export class TrashDayDialog extends Dialog<TrashDayOptions> {
  constructor(private readonly deps: TrashDayDeps) {
    super(TRASH_DAY_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: TrashDayOptions): Promise<DialogTurnResult> {
    const question = options?.question ?? '';
    const chosen = options?.chosen ?? { topic: TRASH_DAY_TOPIC, score: 1, field: 'title', matched: question };
    const explain = explainHits('answer', options?.hits ?? [chosen], chosen);
    const state: State = { stage: 'address', question, tries: 0, explain };
    (dc.activeDialog!.state as { trash?: State }).trash = state;
    const typed = readAddress(question);
    if (typed) return this.lookUp(dc, state, typed, false);
    const saved = await this.deps.memory.get(dc.context);
    if (saved) {
      const result = await this.deps.geocoder.lookup(saved.address);
      const found = result.kind === 'found' ? result.candidates[0] : undefined;
      const place: Choice = found ? choiceOf(found) : saved;
      if (place.trashDay) return this.answer(dc, state, place, true);
    }
    return this.say(dc, ASK, []);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const text = dc.context.activity.text ?? '';
    if (asksToForgetAddress(text)) return this.reroute(dc);
    switch (state.stage) {
      case 'save': {
        const picked = matchChoice(text, YES_NO);
        if ((isYes(text) || picked === 0) && state.found) {
          await this.deps.memory.save(dc.context, state.found, this.deps.clock());
          return this.end(
            dc,
            `Saved. Next time just ask "when is trash day?". To remove it, say "forget my address".`,
          );
        }
        if (isNo(text) || picked === 1) return this.end(dc, "OK, I won't keep it.");
        break;
      }
      case 'choose': {
        const labels = [...(state.choices ?? []).map((c) => c.address), NONE_OF_THESE];
        const picked = matchChoice(text, labels);
        if (picked !== undefined && picked < labels.length - 1) {
          return this.answer(dc, state, state.choices![picked]!, false);
        }
        if (picked === labels.length - 1) return this.say(dc, ASK, []);
        break;
      }
      default:
        break;
    }
    const typed = readAddress(text);
    // Not an address: a new question, routed afresh.
    if (!typed) return this.reroute(dc);
    return this.lookUp(dc, state, typed, false);
  }

  private async lookUp(
    dc: DialogContext,
    state: State,
    typed: string,
    saved: boolean,
  ): Promise<DialogTurnResult> {
    const result = await this.deps.geocoder.lookup(typed);
    if (result.kind === 'unknown') {
      return this.end(dc, this.deps.general(state.question));
    }
    if (result.kind === 'none') {
      state.tries += 1;
      if (state.tries >= 2) {
        return this.end(dc, `I still couldn't find that address.\n\n${this.deps.general(state.question)}`);
      }
      state.stage = 'address';
      return this.say(dc, NOT_FOUND, []);
    }
    const [best, second] = result.candidates;
    if (second && best!.confidence - second.confidence < 0.3) {
      state.stage = 'choose';
      state.choices = result.candidates.slice(0, 3).map(choiceOf);
      const labels = [...state.choices.map((c) => c.address), NONE_OF_THESE];
      return this.say(dc, 'I found more than one match. Which address is yours?', labels);
    }
    return this.answer(dc, state, choiceOf(best!), saved);
  }

  private async answer(
    dc: DialogContext,
    state: State,
    place: Choice,
    saved: boolean,
  ): Promise<DialogTurnResult> {
    if (!place.trashDay) {
      return this.end(
        dc,
        `I found ${place.address}, but I don't have its collection day.\n\n${this.deps.general(state.question)}`,
      );
    }
    const answer = trashDayText(place.address, place.trashDay, this.deps.clock(), this.deps.calendar);
    if (saved) {
      state.stage = 'address';
      return this.say(
        dc,
        `${answer}\n\nThat's your saved address. To check another, send it; to remove this one, say "forget my address".`,
        [],
      );
    }
    const already = await this.deps.memory.get(dc.context);
    if (already?.address === place.address) return this.end(dc, answer);
    state.stage = 'save';
    state.found = place;
    return this.say(dc, `${answer}\n\nSave this address for next time?`, YES_NO);
  }

  /** "forget my address" (main route or mid-dialog). */
  async forget(route: RouteContext): Promise<DialogTurnResult> {
    const had = await this.deps.memory.forget(route.context);
    await route.context.sendActivity(
      reply(had ? "Done: I've forgotten your saved address." : "I don't have a saved address for you.", {
        explain: plainExplain('other', TRASH_DAY_TOPIC),
      }),
    );
    return route.endDialog();
  }

  private async say(dc: DialogContext, text: string, choices: readonly string[]): Promise<DialogTurnResult> {
    await dc.context.sendActivity(reply(text, { choices, explain: this.state(dc).explain }));
    return Dialog.EndOfTurn;
  }

  private async end(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    await dc.context.sendActivity(reply(text, { explain: this.state(dc).explain }));
    return dc.endDialog();
  }

  private reroute(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog({ reroute: true } satisfies FollowUpResult);
  }

  private state(dc: DialogContext): State {
    return (dc.activeDialog!.state as { trash?: State }).trash!;
  }
}
