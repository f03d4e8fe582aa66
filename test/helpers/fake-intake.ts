import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IntakeOptions } from '../../dialogs/topic-reply.js';

/**
 * Stands in for dialogs/intake-dialog.ts in main-dialog tests: asks for the
 * address, then "files". Records what it was started with and what it filed.
 */
export class FakeIntakeDialog extends WaterfallDialog<IntakeOptions> {
  readonly begun: IntakeOptions[] = [];
  readonly filed: { service?: string; address: string }[] = [];

  constructor(id = 'intake') {
    super(id);
    this.addStep(async (step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> => {
      this.begun.push({ ...step.options });
      await step.context.sendActivity('Where is it? Please give the address.');
      return WaterfallDialog.EndOfTurn;
    });
    this.addStep(async (step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> => {
      this.filed.push({ service: step.options.service, address: step.context.activity.text ?? '' });
      await step.context.sendActivity('Filed. Your tracking number is 15000001.');
      return step.endDialog();
    });
  }
}
