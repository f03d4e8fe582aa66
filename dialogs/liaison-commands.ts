import { linkCommandCode } from '../requests/liaison-code.js';
import type { TrackingNumber } from '../requests/types.js';
import { commandText } from './intake-format.js';
import { asksForMyRequests } from './tracking-number.js';

/**
 * What a liaison can say from any channel. Only "LIAISON <code>" is read from
 * anyone; the others act only for a linked identity (the liaison dialog checks).
 */
export type LiaisonCommand =
  | { readonly kind: 'link'; readonly code: string }
  | { readonly kind: 'my-requests' }
  | { readonly kind: 'meeting' }
  | { readonly kind: 'summary' }
  /** `id` is missing when the message named no tracking number. */
  | { readonly kind: 'follow-up'; readonly id?: TrackingNumber; readonly note: string };

const MEETING = /^(?:start (?:a |the )?meeting|meeting|meeting mode|new meeting|begin (?:a )?meeting)$/;
const SUMMARY = /^(?:summary|neighbou?rhood summary|my neighbou?rhood|summary please)$/;
const FOLLOW_UP =
  /^\s*follow[\s-]*up\b[\s:,-]*(?:on\s+|request\s+)?(?:#\s*)?(?:([1-9]\d{7})(?!\d))?[\s:,-]*([\s\S]*)$/i;
const DONE =
  /^(?:done|all done|im done|we are done|were done|finished|finish|end|end meeting|end the meeting|meeting over|thats all|that is all|no more)$/;
const MORE = /^(?:more|next|next page|show more|m)$/;

export function parseLiaisonCommand(text: string): LiaisonCommand | undefined {
  const code = linkCommandCode(text);
  if (code !== undefined) return { kind: 'link', code };
  const followUp = FOLLOW_UP.exec(text);
  if (followUp) {
    const note = followUp[2]!.trim();
    return followUp[1]
      ? { kind: 'follow-up', id: followUp[1] as TrackingNumber, note }
      : { kind: 'follow-up', note };
  }
  const said = commandText(text);
  if (MEETING.test(said)) return { kind: 'meeting' };
  if (SUMMARY.test(said)) return { kind: 'summary' };
  if (asksForMyRequests(text)) return { kind: 'my-requests' };
  return undefined;
}

/** Ends meeting mode. */
export const isDone = (text: string | undefined): boolean => DONE.test(commandText(text));
/** The next page of "my requests". */
export const isMore = (text: string | undefined): boolean => MORE.test(commandText(text));
