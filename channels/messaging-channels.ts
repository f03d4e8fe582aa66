/**
 * Builds the messaging channels whose credentials are configured (SMS,
 * Slack, X), for the composition root to mount and register with the
 * notifier. A channel without credentials is not built; its status line says
 * which variables to set.
 */
import type { BotAdapter, Storage } from 'botbuilder';
import type express from 'express';
import type { Clock } from '../bot/clock.js';
import { type Config, ConfigError } from '../bot/config.js';
import type { InboxWorker } from '../bot/inbox-worker.js';
import type { Logger } from '../bot/logger.js';
import type { OptOutStore } from '../bot/opt-out-store.js';
import type { TurnQueue } from '../bot/turn-queue.js';
import type { MessageAdapter, TurnRunner } from './common/message-adapter.js';
import { StateChoices } from './common/numbered-choices.js';
import { createSlackChannel } from './slack/slack-channel.js';
import { SLACK_EVENTS_PATH } from './slack/slack-receiver.js';
import { createSmsChannel, SMS_PATH } from './sms/sms-channel.js';
import { createXChannel, X_WEBHOOK_PATH } from './x/x-channel.js';

export type MessagingChannelId = 'sms' | 'slack' | 'x';

export interface MessagingChannel {
  readonly id: MessagingChannelId;
  /** Routes with full paths (/sms, /slack/events, /x/webhook): mount at '/'. */
  readonly router: express.Router;
  readonly adapter: MessageAdapter;
}

export interface ChannelStatusLine {
  readonly name: string;
  readonly on: boolean;
  readonly detail: string;
}

export interface MessagingChannelsDeps {
  readonly config: Pick<Config, 'twilio' | 'slack' | 'x' | 'publicUrl'>;
  readonly bot: TurnRunner;
  readonly queue: TurnQueue;
  readonly logger: Logger;
  readonly optOuts: OptOutStore;
  /** Stores each webhook delivery before it is acknowledged, and runs it (SMS, Slack, X). */
  readonly inbox: InboxWorker;
  /** The bot's state storage: SMS and X keep the choices they numbered there, so any instance reads them. */
  readonly state?: Pick<Storage, 'read' | 'write' | 'delete'>;
  /** Registers the turn pipeline on each adapter, e.g. `(a) => usePipeline(a, pipelineDeps)`. */
  readonly setup: (adapter: BotAdapter) => void;
  readonly clock?: Clock;
}

export interface MessagingChannels {
  readonly channels: readonly MessagingChannel[];
  readonly status: readonly ChannelStatusLine[];
  /** Resolves when no turn is running on any channel (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** After the last turn: stops what the channels run beside the bot (the Twilio sender's thread). */
  close(): Promise<void>;
}

export function createMessagingChannels(deps: MessagingChannelsDeps): MessagingChannels {
  const { config } = deps;
  const base = {
    bot: deps.bot,
    queue: deps.queue,
    logger: deps.logger,
    optOuts: deps.optOuts,
    inbox: deps.inbox,
    clock: deps.clock,
    ...(deps.state ? { choices: new StateChoices(deps.state) } : {}),
  };
  const channels: MessagingChannel[] = [];
  const status: ChannelStatusLine[] = [];
  const closers: (() => Promise<void>)[] = [];

  if (config.twilio) {
    if (!config.twilio.accountSid.startsWith('AC')) {
      throw new ConfigError('TWILIO_ACCOUNT_SID', 'must be an account SID starting with AC');
    }
    if (!config.publicUrl) throw new ConfigError('PUBLIC_URL', 'is required when Twilio is configured');
    const sms = createSmsChannel({ ...base, twilio: config.twilio, publicUrl: config.publicUrl });
    channels.push({ id: 'sms', router: sms.router, adapter: sms.adapter });
    closers.push(() => sms.close());
    status.push({
      name: 'sms',
      on: true,
      detail: `POST ${SMS_PATH} (Twilio signs ${config.publicUrl}${SMS_PATH})`,
    });
  } else {
    status.push({
      name: 'sms',
      on: false,
      detail: 'set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, PUBLIC_URL',
    });
  }

  if (config.slack) {
    const slack = createSlackChannel({ ...base, slack: config.slack });
    channels.push({ id: 'slack', router: slack.router, adapter: slack.adapter });
    status.push({ name: 'slack', on: true, detail: `POST ${SLACK_EVENTS_PATH} (events and interactivity)` });
  } else {
    status.push({ name: 'slack', on: false, detail: 'set SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN' });
  }

  if (config.x) {
    const x = createXChannel({ ...base, x: config.x });
    channels.push({ id: 'x', router: x.router, adapter: x.adapter });
    status.push({ name: 'x', on: true, detail: `GET/POST ${X_WEBHOOK_PATH} (CRC and DM events)` });
  } else {
    status.push({ name: 'x', on: false, detail: 'set X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_BOT_USER_ID' });
  }

  for (const channel of channels) deps.setup(channel.adapter);
  return {
    channels,
    status,
    async idle() {
      await Promise.all(channels.map((c) => c.adapter.idle()));
    },
    async close() {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
