/**
 * The parts of botbuilder-dialogs the bot uses, each from its own module.
 * The package's index also loads every prompt and, through them, the
 * Recognizers-Text number, date and choice models: about 35 MB of resident
 * memory the bot never uses (it has no botbuilder prompts). Import dialog
 * classes from here, not from 'botbuilder-dialogs'.
 */
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
