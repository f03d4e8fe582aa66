import type { CatalogService } from '../knowledge/catalog-types.js';
import type { ServiceCode } from '../knowledge/types.js';
import type { Location, TrackingNumber } from '../requests/types.js';

/**
 * The intake's state, kept in the dialog instance (so it survives between turns
 * in conversation state): which step is asking, and the draft request so far.
 */
export type StepKey =
  | 'service'
  | 'location'
  | 'duplicate'
  | `attribute:${string}`
  | 'description'
  /** Optional extras in one question: a photo, when it was noticed, a name or number for follow-up. */
  | 'extras'
  /** Asked one at a time before the extras step; kept so a conversation saved then still goes on. */
  | 'photo'
  | 'noticed'
  | 'contact'
  | 'confirm';

export interface Contact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Draft {
  readonly service?: ServiceCode;
  readonly location?: Location;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  readonly description?: string;
  readonly mediaUrl?: string;
  readonly noticedAt?: string;
  readonly contact?: Contact;
  /** The open request offered as a duplicate at the current location. */
  readonly duplicateOf?: { readonly id: TrackingNumber; readonly requestedAt: string };
  /** The resident said the duplicate is a different problem: don't offer it again. */
  readonly declinedDuplicate?: TrackingNumber;
  /** The resident's own words for questions that could not be read twice ("size: as big as my car"), filed with the description. */
  readonly notes?: readonly string[];
}

export interface IntakeState {
  readonly step: StepKey;
  readonly draft: Draft;
  /** Editing from the summary: after the step, go back to the summary. */
  readonly editing: boolean;
  /** How many answers to this step were not understood (the question is never asked a third time). */
  readonly tries?: number;
  /**
   * Names this report from its first step, kept in conversation state and sent
   * with the filing: if a crash rolls the conversation back to the summary,
   * the next YES returns the request already filed instead of a second one.
   */
  readonly key?: string;
  /** Places the geocoder found for a typed address, offered as choices at the location step. */
  readonly places?: readonly Location[];
  /** Typed addresses the geocoder could not find (after two the resident's words are kept). */
  readonly addressTries?: number;
}

/** What the resident is asked for this service, in order (duplicate is inserted after location when found). */
export function stepsFor(service: CatalogService | undefined): StepKey[] {
  if (!service) return ['service'];
  const attributes = [...service.attributes]
    .sort((a, b) => a.order - b.order)
    .map((a): StepKey => `attribute:${a.code}`);
  return ['location', ...attributes, 'description', 'extras', 'confirm'];
}

/** Whether the draft already holds an answer for a step (pre-filled from the first message). */
export function isAnswered(step: StepKey, draft: Draft): boolean {
  if (step.startsWith('attribute:')) return draft.attributes[step.slice('attribute:'.length)] !== undefined;
  switch (step) {
    case 'description':
      return draft.description !== undefined;
    case 'noticed':
      return draft.noticedAt !== undefined;
    case 'service':
      return draft.service !== undefined;
    case 'location':
      return draft.location !== undefined;
    case 'photo':
      return draft.mediaUrl !== undefined;
    case 'extras':
      return draft.mediaUrl !== undefined && draft.noticedAt !== undefined && draft.contact !== undefined;
    default:
      return false;
  }
}

/** The steps the extras question took the place of. */
const isExtra = (step: StepKey): boolean => step === 'photo' || step === 'noticed' || step === 'contact';

/** The step after `step` in the service's order, skipping steps pre-filled from the first message. */
export function stepAfter(step: StepKey, service: CatalogService | undefined, draft: Draft): StepKey {
  const order = stepsFor(service);
  const from = order.indexOf(step === 'duplicate' ? 'location' : isExtra(step) ? 'extras' : step);
  for (let i = from + 1; i < order.length; i++) {
    const next = order[i]!;
    if (!isAnswered(next, draft)) return next;
  }
  return 'confirm';
}

/** The first step still to ask. */
export function firstStep(service: CatalogService | undefined, draft: Draft): StepKey {
  const order = stepsFor(service);
  return order.find((s) => !isAnswered(s, draft)) ?? 'confirm';
}

/** The step before `step` (for "back"); undefined at the first question. */
export function stepBefore(step: StepKey, service: CatalogService | undefined): StepKey | undefined {
  const order = stepsFor(service);
  const at =
    step === 'duplicate' ? order.indexOf('location') + 1 : order.indexOf(isExtra(step) ? 'extras' : step);
  return at > 0 ? order[at - 1] : undefined;
}

/** The slot a step asks for, as prompts name it (`channelData.slot`): "address", an attribute's code, or the step. */
export function slotOf(step: StepKey): string {
  if (step === 'location') return 'address';
  return step.startsWith('attribute:') ? step.slice('attribute:'.length) : step;
}

export const emptyDraft = (service?: ServiceCode): Draft =>
  service ? { service, attributes: {} } : { attributes: {} };
