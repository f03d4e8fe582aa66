import {
  ActivityHandler,
  ConversationState,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
  UserState,
} from 'botbuilder';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus } from '../dialogs/dialogs-lib.js';
import { explainFirstReply } from '../dialogs/explain.js';
import { holidayAnswerExtra } from '../dialogs/holiday-answer.js';
import { MAIN_DIALOG, MainDialog } from '../dialogs/main-dialog.js';
import { MENU_CHOICES, plainExplain, reply, texts } from '../dialogs/replies.js';
import { createHolidayCalendar, type HolidayCalendar } from '../knowledge/holiday-calendar.js';
import type { Article, KnowledgeSearch } from '../knowledge/types.js';
import { type Clock, systemClock } from './clock.js';

export interface BotDeps {
  readonly storage: Storage;
  readonly search: KnowledgeSearch;
  readonly articles: readonly Article[];
  readonly cityName: string;
  /** The service-request intake dialog, when requests are wired in. */
  readonly intake?: Dialog;
  /** Further dialogs the main dialog may begin (status, liaison). */
  readonly dialogs?: readonly Dialog[];
  /** Time for date-specific answers (the holiday collection sentence); the system clock by default. */
  readonly clock?: Clock;
  /** City holidays; the sample calendar (knowledge/city-holidays.ts) by default. */
  readonly calendar?: HolidayCalendar;
}

/** The bot as channels and the pipeline see it. */
export interface Bot {
  /** The turn logic: continue the active dialog or begin the main dialog. */
  readonly run: (context: TurnContext) => Promise<void>;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** Ends whatever dialog is in progress in this conversation (emergency, errors). */
  cancelDialogs(context: TurnContext): Promise<void>;
}

/**
 * botbuilder-dialogs rebuilds its memory-scope configuration (a dependency
 * injection container and schema checks) on the first dialog context of every
 * turn and caches it in turn state under this key. The scopes hold no state of
 * their own, so the bot builds it once and hands it to every turn: it was a
 * tenth of a question turn's CPU time.
 */
const DIALOG_MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

class CityBot extends ActivityHandler {
  private memoryConfiguration: unknown;

  constructor(dialogs: DialogSet, cityName: string) {
    super();
    this.onMessage(async (context, next) => {
      explainFirstReply(context, plainExplain('other'));
      if (this.memoryConfiguration)
        context.turnState.set(DIALOG_MEMORY_CONFIGURATION, this.memoryConfiguration);
      const dc = await dialogs.createContext(context);
      this.memoryConfiguration ??= context.turnState.get(DIALOG_MEMORY_CONFIGURATION);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter(
        (m) => m.id !== context.activity.recipient?.id,
      );
      if (joined.length > 0) {
        await context.sendActivity(
          reply(texts.welcome(cityName), { choices: MENU_CHOICES, explain: plainExplain('menu') }),
        );
      }
      await next();
    });
  }
}

/** Builds the ActivityHandler, its dialogs and its state on the given storage. */
export function createBot(deps: BotDeps): Bot {
  const conversationState = new ConversationState(deps.storage);
  const userState = new UserState(deps.storage);
  const dialogState: StatePropertyAccessor<DialogState> = conversationState.createProperty('dialogState');
  const dialogs = new DialogSet(dialogState);
  dialogs.add(
    new MainDialog({
      search: deps.search,
      articles: deps.articles,
      cityName: deps.cityName,
      intake: deps.intake,
      dialogs: deps.dialogs,
      answerExtra: holidayAnswerExtra(deps.calendar ?? createHolidayCalendar(), deps.clock ?? systemClock),
    }),
  );
  const handler = new CityBot(dialogs, deps.cityName);
  return {
    run: (context) => handler.run(context),
    conversationState,
    userState,
    cancelDialogs: (context) => dialogState.delete(context),
  };
}
