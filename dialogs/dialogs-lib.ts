/**
 * The parts of botbuilder-dialogs the bot uses, each from its own module.
 * The package's index also loads every prompt and, through them, the
 * Recognizers-Text number, date and choice models: about 35 MB of resident
 * memory the bot never uses (it has no botbuilder prompts). Import dialog
 * classes from here, not from 'botbuilder-dialogs'.
 */
import type { DialogContext } from 'botbuilder-dialogs/lib/dialogContext.js';

export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export {
  Dialog,
  type DialogInstance,
  DialogReason,
  type DialogTurnResult,
  DialogTurnStatus,
} from 'botbuilder-dialogs/lib/dialog.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';

/**
 * What routing a message needs of a dialog context: the turn, and beginning
 * or ending a dialog. The main dialog routes a message no dialog is waiting
 * for with one of these and opens a real dialog context only when a route
 * begins a dialog (dialogs/main-dialog.ts).
 */
export type RouteContext = Pick<DialogContext, 'context' | 'beginDialog' | 'endDialog'>;
