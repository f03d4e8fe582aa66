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
}

export interface IntakeState {
  readonly step: StepKey;
  readonly draft: Draft;
  /** Editing from the summary: after the step, go back to the summary. */
  readonly editing: boolean;
}

/** What the resident is asked for this service, in order (duplicate is inserted after location when found). */
export function stepsFor(service: CatalogService | undefined): StepKey[] {
  if (!service) return ['service'];
  const attributes = [...service.attributes]
    .sort((a, b) => a.order - b.order)
    .map((a): StepKey => `attribute:${a.code}`);
  return ['location', ...attributes, 'description', 'photo', 'noticed', 'contact', 'confirm'];
}

/** Whether the draft already holds an answer for a step (pre-filled from the first message). */
export function isAnswered(step: StepKey, draft: Draft): boolean {
  switch (step) {
    case 'service':
      return draft.service !== undefined;
    case 'location':
      return draft.location !== undefined;
    case 'photo':
      return draft.mediaUrl !== undefined;
    default:
      return false;
  }
}

/** The step after `step` in the service's order, skipping steps pre-filled from the first message. */
export function stepAfter(step: StepKey, service: CatalogService | undefined, draft: Draft): StepKey {
  const order = stepsFor(service);
  const from = step === 'duplicate' ? order.indexOf('location') : order.indexOf(step);
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
  const at = step === 'duplicate' ? order.indexOf('location') + 1 : order.indexOf(step);
  return at > 0 ? order[at - 1] : undefined;
}

export const emptyDraft = (service?: ServiceCode): Draft =>
  service ? { service, attributes: {} } : { attributes: {} };
