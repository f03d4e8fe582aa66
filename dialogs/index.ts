export { matchChoice } from '../understanding/slots/choice-match.js';
export * from '../understanding/slots/text-intents.js';
export { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, MAX_CLARIFY_CHOICES } from './clarify-dialog.js';
export * from './explain.js';
export { type AnswerExtra, holidayAnswerExtra } from './holiday-answer.js';
export { INTAKE_DIALOG, IntakeDialog, type IntakeResult } from './intake-dialog.js';
export type {
  IntakeCatalog,
  IntakeDeps,
  IntakeRequests,
  StatusDeps,
  StatusRequests,
} from './intake-ports.js';
export { readsAsReport } from './intake-report.js';
export { attributeLiaisonRequests } from './liaison-attribution.js';
export { isDone, type LiaisonCommand, parseLiaisonCommand } from './liaison-commands.js';
export { LIAISON_DIALOG, LiaisonDialog, type LiaisonOptions } from './liaison-dialog.js';
export type { LiaisonDialogDeps, LiaisonPort } from './liaison-ports.js';
export { MAIN_DIALOG, MainDialog, type MainDialogDeps } from './main-dialog.js';
export { MY_REQUESTS_DIALOG, MyRequestsDialog } from './my-requests-dialog.js';
export { type FollowUpResult, OfferReportDialog } from './offer-report-dialog.js';
export { MENU_CHOICES, REACH_311, reply, texts, YES_NO } from './replies.js';
export {
  describeRequest,
  STATUS_DIALOG,
  StatusDialog,
  type StatusOptions,
} from './status-dialog.js';
export {
  type IntakeOptions,
  OFFER_REPORT_DIALOG,
  type OfferReportOptions,
  TopicReply,
} from './topic-reply.js';
export { asksForMyRequests, asksForStatus, findTrackingNumber } from './tracking-number.js';
