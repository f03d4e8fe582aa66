import {
  ActivityTypes,
  type BotState,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { AddressMemory, type SavedAddress } from '../dialogs/address-memory.js';
import {
  type Dialog,
  type DialogContext,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
} from '../dialogs/dialogs-lib.js';
import { explainFirstReply } from '../dialogs/explain.js';
import { holidayAnswerExtra } from '../dialogs/holiday-answer.js';
import { MAIN_DIALOG, MainDialog } from '../dialogs/main-dialog.js';
import { MENU_CHOICES, plainExplain, reply, texts } from '../dialogs/replies.js';
import { createHolidayCalendar, type HolidayCalendar } from '../knowledge/holiday-calendar.js';
import type { Article, KnowledgeSearch } from '../knowledge/types.js';
import type { AddressLookup } from '../requests/geocoder/index.js';
import { type Clock, systemClock } from './clock.js';
import { jsonConversationState, jsonUserState } from './json-bot-state.js';

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
  /** Addresses to trash days (requests/geocoder/); without it "when is trash day?" gets the stored answer. */
  readonly geocoder?: AddressLookup;
}

/** The bot as channels and the pipeline see it. */
export interface Bot {
  /** The turn logic: continue the active dialog or begin the main dialog. */
  readonly run: (context: TurnContext) => Promise<void>;
  readonly conversationState: BotState;
  readonly userState: BotState;
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

/**
 * The turn logic. A plain function rather than botbuilder's ActivityHandler:
 * the bot handles two activity types, and the handler's chain of generator-
 * based dispatch steps was about 5% of a question turn's CPU time.
 */
function turnLogic(
  dialogs: DialogSet,
  dialogState: StatePropertyAccessor<DialogState>,
  main: MainDialog,
  cityName: string,
): (context: TurnContext) => Promise<void> {
  let memoryConfiguration: unknown;

  const openDialogs = async (context: TurnContext): Promise<DialogContext> => {
    if (memoryConfiguration) context.turnState.set(DIALOG_MEMORY_CONFIGURATION, memoryConfiguration);
    const dc = await dialogs.createContext(context);
    memoryConfiguration ??= context.turnState.get(DIALOG_MEMORY_CONFIGURATION);
    return dc;
  };

  const onMessage = async (context: TurnContext): Promise<void> => {
    explainFirstReply(context, plainExplain('other'));
    const saved = await dialogState.get(context);
    if (!saved?.dialogStack?.length) {
      await main.routeAlone(context, () => openDialogs(context));
      return;
    }
    const dc = await openDialogs(context);
    if (await main.interrupt(dc)) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  };

  const onMembersAdded = async (context: TurnContext): Promise<void> => {
    const joined = (context.activity.membersAdded ?? []).filter(
      (m) => m.id !== context.activity.recipient?.id,
    );
    if (joined.length === 0) return;
    await context.sendActivity(
      reply(texts.welcome(cityName), { choices: MENU_CHOICES, explain: plainExplain('menu') }),
    );
  };

  return async (context) => {
    const { type } = context.activity;
    if (type === ActivityTypes.Message) await onMessage(context);
    else if (type === ActivityTypes.ConversationUpdate) await onMembersAdded(context);
  };
}

/** Builds the turn logic, its dialogs and its state on the given storage. */
export function createBot(deps: BotDeps): Bot {
  const conversationState = jsonConversationState(deps.storage);
  const userState = jsonUserState(deps.storage);
  const dialogState: StatePropertyAccessor<DialogState> = conversationState.createProperty('dialogState');
  const dialogs = new DialogSet(dialogState);
  const calendar = deps.calendar ?? createHolidayCalendar();
  const clock = deps.clock ?? systemClock;
  const memory = new AddressMemory(userState.createProperty<SavedAddress | undefined>('savedAddress'));
  const main = new MainDialog({
    search: deps.search,
    articles: deps.articles,
    cityName: deps.cityName,
    intake: deps.intake,
    dialogs: deps.dialogs,
    answerExtra: holidayAnswerExtra(calendar, clock),
    ...(deps.geocoder ? { trashDay: { geocoder: deps.geocoder, memory, calendar, clock } } : {}),
  });
  dialogs.add(main);
  for (const child of main.children) dialogs.add(child);
  return {
    run: turnLogic(dialogs, dialogState, main, deps.cityName),
    conversationState,
    userState,
    cancelDialogs: (context) => dialogState.delete(context),
  };
}
