export { matchChoice } from './choice-match.js';
export { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, MAX_CLARIFY_CHOICES } from './clarify-dialog.js';
export * from './explain.js';
export { MAIN_DIALOG, MainDialog, type MainDialogDeps } from './main-dialog.js';
export { type FollowUpResult, OfferReportDialog } from './offer-report-dialog.js';
export { MENU_CHOICES, REACH_311, reply, texts, YES_NO } from './replies.js';
export * from './text-intents.js';
export {
  type IntakeOptions,
  OFFER_REPORT_DIALOG,
  type OfferReportOptions,
  TopicReply,
} from './topic-reply.js';
