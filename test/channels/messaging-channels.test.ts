import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { createMemoryOptOutStore } from '../../bot/opt-out-store.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { createMessagingChannels } from '../../channels/messaging-channels.js';
import { memoryInboxWorker } from '../helpers/inbox.js';

const base = {
  bot: { run: async () => {} },
  queue: new TurnQueue(),
  logger: silentLogger,
  optOuts: createMemoryOptOutStore(),
  inbox: memoryInboxWorker(),
};

describe('createMessagingChannels', () => {
  it('builds only the channels whose credentials are set, and says what to set for the others', () => {
    const setUp: string[] = [];
    const built = createMessagingChannels({
      ...base,
      config: loadConfig({ X_CONSUMER_SECRET: 's', X_ACCESS_TOKEN: 't', X_BOT_USER_ID: '1' }),
      setup: (adapter) => setUp.push((adapter as unknown as { channelId: string }).channelId),
    });
    assert.deepEqual(
      built.channels.map((c) => c.id),
      ['x'],
    );
    assert.deepEqual(setUp, ['x'], 'the pipeline is registered on every built adapter');
    assert.deepEqual(
      built.status.map((s) => [s.name, s.on]),
      [
        ['sms', false],
        ['slack', false],
        ['x', true],
      ],
    );
    assert.match(built.status[0]!.detail, /TWILIO_ACCOUNT_SID/);
  });

  it('fails fast, naming the variable, on a Twilio account SID that is not one', () => {
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: 'SK123',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_FROM: '+12155550100',
      PUBLIC_URL: 'https://311.example.org',
    });
    assert.throws(
      () => createMessagingChannels({ ...base, config, setup: () => {} }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'TWILIO_ACCOUNT_SID',
    );
  });
});
