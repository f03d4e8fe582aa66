import { RequestError } from './request-error.js';
import { OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus, type TrackingNumber } from './types.js';

/**
 * The life cycle residents see. Open: received -> in-progress / scheduled.
 * Closed: duplicate (of a parent request), closed-fixed, closed-unfounded
 * (with a reason), not-city-responsibility (with a reason: who is). A closed
 * request can be reopened to in-progress, with a reason. Nothing goes back to
 * "received".
 */
const CLOSED: readonly RequestStatus[] = [
  'duplicate',
  'closed-fixed',
  'closed-unfounded',
  'not-city-responsibility',
];

const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  received: ['in-progress', 'scheduled', ...CLOSED],
  'in-progress': ['in-progress', 'scheduled', ...CLOSED],
  scheduled: ['scheduled', 'in-progress', ...CLOSED],
  duplicate: ['in-progress'],
  'closed-fixed': ['in-progress'],
  'closed-unfounded': ['in-progress'],
  'not-city-responsibility': ['in-progress'],
};

/** Statuses whose change must say why. */
const NEEDS_REASON: ReadonlySet<RequestStatus> = new Set(['closed-unfounded', 'not-city-responsibility']);

export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: RequestStatus): boolean {
  return OPEN_STATUSES.has(status);
}

export interface ProposedChange {
  readonly status: RequestStatus;
  readonly note?: string;
  readonly parent?: TrackingNumber;
}

/**
 * Throws a coded `RequestError` when `change` may not follow `current`:
 * 'invalid-transition', 'missing-reason' or 'missing-parent'. Staying in the
 * same open status is allowed only to add a progress note.
 */
export function checkTransition(current: RequestStatus, change: ProposedChange): void {
  const note = change.note?.trim() ?? '';
  if (!TRANSITIONS[current].includes(change.status)) {
    throw new RequestError(
      'invalid-transition',
      `a request that is "${current}" cannot become "${change.status}"`,
      'status',
    );
  }
  if (change.status === current && note === '') {
    throw new RequestError(
      'missing-reason',
      `the request is already "${current}": add a note to update it`,
      'note',
    );
  }
  if (NEEDS_REASON.has(change.status) && note === '') {
    throw new RequestError('missing-reason', `"${change.status}" needs a reason in the note`, 'note');
  }
  if (!isOpenStatus(current) && note === '') {
    throw new RequestError(
      'missing-reason',
      `reopening a "${current}" request needs a reason in the note`,
      'note',
    );
  }
  if (change.status === 'duplicate' && change.parent === undefined) {
    throw new RequestError('missing-parent', '"duplicate" needs the parent request', 'parent');
  }
  if (change.status !== 'duplicate' && change.parent !== undefined) {
    throw new RequestError('invalid-parent', 'only a "duplicate" has a parent request', 'parent');
  }
}
