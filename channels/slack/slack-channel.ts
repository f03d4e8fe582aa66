/**
 * The Slack channel: a Bolt App on our own receiver (POST /slack/events).
 * DMs and @mentions become turns; a press on a choice button answers the
 * prompt like typed text. Acknowledgement comes first, the turn after.
 */
import { App, type AuthorizeResult, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type express from 'express';
import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';
import type { SlackConfig } from '../../bot/config.js';
import type { InboxWorker } from '../../bot/inbox-worker.js';
import type { Logger } from '../../bot/logger.js';
import type { MessageAdapterDeps } from '../common/message-adapter.js';
import { SlackAdapter } from './slack-adapter.js';
import { CHOICE_ACTION_PATTERN } from './slack-blocks.js';
import { buttonToActivity, directMessageToActivity, mentionToActivity } from './slack-inbound.js';
import { SlackReceiver } from './slack-receiver.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api';
/** One Web API call may take this long; a reply or notice never holds a conversation for minutes. */
export const SLACK_API_TIMEOUT_MS = 10_000;
/** Retries of a failed Web API call (the client's default retries for about 30 minutes). */
export const SLACK_API_RETRIES = 2;

export interface SlackChannelDeps extends MessageAdapterDeps {
  readonly slack: SlackConfig;
  /** Where events are stored before Slack is answered, and run from. */
  readonly inbox: InboxWorker;
  readonly clock?: Clock;
}

export interface SlackChannel {
  readonly router: express.Router;
  readonly adapter: SlackAdapter;
  readonly app: App;
}

/** Bolt's logger on ours: debug output (which can carry payloads) is dropped; the rest is redacted. */
function boltLogger(logger: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info(`slack: ${line(msg)}`),
    warn: (...msg: unknown[]) => logger.warn(`slack: ${line(msg)}`),
    error: (...msg: unknown[]) => logger.error(`slack: ${line(msg)}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export function createSlackChannel(deps: SlackChannelDeps): SlackChannel {
  const { logger, slack } = deps;
  // `track` lets adapter.idle() also wait for Bolt dispatches still running after the ack.
  let adapter: SlackAdapter | undefined;
  const receiver = new SlackReceiver({
    signingSecret: slack.signingSecret,
    logger,
    clock: deps.clock ?? systemClock,
    inbox: deps.inbox,
    track: (dispatch) => adapter?.track(dispatch),
  });
  let identity: Promise<AuthorizeResult> | undefined;
  const app: App = new App({
    receiver,
    // auth.test once, cached on success and retried after a failure (a Slack outage at start-up must not stick).
    authorize: () => {
      identity ??= app.client.auth.test({ token: slack.botToken }).then(
        (r) => ({ botToken: slack.botToken, botUserId: r.user_id, botId: r.bot_id, teamId: r.team_id }),
        (error: unknown) => {
          identity = undefined;
          throw error;
        },
      );
      return identity;
    },
    clientOptions: {
      slackApiUrl: `${(slack.apiUrl ?? DEFAULT_SLACK_API_URL).replace(/\/$/, '')}/`,
      timeout: SLACK_API_TIMEOUT_MS,
      retryConfig: { retries: SLACK_API_RETRIES, factor: 2, minTimeout: 500 },
    },
    logger: boltLogger(logger),
    convoStore: false,
  });
  const slackAdapter = new SlackAdapter({ ...deps, client: app.client, botToken: slack.botToken });
  adapter = slackAdapter;

  app.event('message', async ({ event, context }) => {
    const activity = directMessageToActivity(event, context.botUserId ?? '');
    // Awaited: the inbox marks the event done once its turn has run.
    if (activity) await slackAdapter.receive(activity);
  });
  app.event('app_mention', async ({ event, context }) => {
    const activity = mentionToActivity(event, context.botUserId ?? '');
    if (activity) await slackAdapter.receive(activity);
  });
  app.action(CHOICE_ACTION_PATTERN, async ({ ack, body, context }) => {
    await ack();
    const activity = buttonToActivity(body, context.botUserId ?? '');
    if (activity) void slackAdapter.receive(activity);
  });
  app.error(async (error) => {
    logger.error('Slack listener failed', { error });
  });
  return { router: receiver.router, adapter: slackAdapter, app };
}
