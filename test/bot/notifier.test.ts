import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { createMemoryConversationStore } from '../../bot/conversation-store.js';
import { silentLogger } from '../../bot/logger.js';
import { formatNotice, Notifier } from '../../bot/notifier.js';
import { createMemoryOptOutStore } from '../../bot/opt-out-store.js';
import { TurnQueue } from '../../bot/turn-queue.js';
import { MessageAdapter } from '../../channels/common/message-adapter.js';
import type { ServiceCode } from '../../knowledge/types.js';
import type { Requester, ServiceRequest, StatusChange, TrackingNumber } from '../../requests/types.js';

/** Records what would go out on a channel (the channel's own tests cover its provider). */
class RecordingAdapter extends MessageAdapter {
  readonly sent: Partial<Activity>[] = [];
  constructor(
    readonly channelId: string,
    optOuts = createMemoryOptOutStore(),
  ) {
    super({ bot: { run: async () => {} }, queue: new TurnQueue(), logger: silentLogger, optOuts });
  }
  protected async deliver(activity: Partial<Activity>): Promise<string> {
    this.sent.push(activity);
    return `m${this.sent.length}`;
  }
}

function request(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id: '12345678' as TrackingNumber,
    serviceCode: 'pothole' as ServiceCode,
    status: 'received',
    location: { address: '1234 Spruce St' },
    description: 'deep pothole',
    attributes: {},
    requester: { channel: 'sms', userId: '+12155550111', conversationId: '+12155550111' },
    followers: [],
    requestedAt: '2026-11-20T15:00:00.000Z',
    updatedAt: '2026-11-20T15:00:00.000Z',
    expectedAt: '2026-11-25T22:00:00.000Z',
    agency: 'Streets Department',
    history: [],
    ...overrides,
  };
}

const change = (overrides: Partial<StatusChange> = {}): StatusChange => ({
  status: 'in-progress',
  at: '2026-11-23T15:00:00.000Z',
  by: 'staff',
  ...overrides,
});

const reference = (channelId: string, userId: string, conversationId = userId) => ({
  channelId,
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: userId, name: '' },
  bot: { id: 'bot', name: '' },
});

describe('Notifier', () => {
  it('formats the notice residents read', () => {
    assert.equal(
      formatNotice(request(), change({ note: 'Crew assigned.' }), 'Pothole'),
      'Update on request #12345678 (Pothole): In progress - Crew assigned. Expected by Wed, Nov 25.',
    );
    assert.equal(
      formatNotice(request(), change({ status: 'closed-fixed' }), 'Pothole'),
      'Update on request #12345678 (Pothole): Fixed.',
    );
    assert.equal(
      formatNotice(
        request(),
        change({ status: 'duplicate', parent: '87654321' as TrackingNumber }),
        'Pothole',
      ),
      'Update on request #12345678 (Pothole): Merged with request #87654321.',
    );
  });

  it('tells the requester and each follower on their own channel and conversation, once each', async () => {
    const conversations = createMemoryConversationStore();
    const optOuts = createMemoryOptOutStore();
    const sms = new RecordingAdapter('sms', optOuts);
    const slack = new RecordingAdapter('slack', optOuts);
    const notifier = new Notifier({
      conversations,
      optOuts,
      logger: silentLogger,
      serviceName: (code) => (code === 'pothole' ? 'Pothole' : undefined),
    });
    notifier.register('sms', sms);
    notifier.register('slack', slack);
    await conversations.save(reference('sms', '+12155550111'));
    await conversations.save(reference('slack', 'U1', 'D1'));
    await conversations.save(reference('slack', 'U2', 'C7:1700000000.000100'));
    const followers: Requester[] = [
      { channel: 'slack', userId: 'U1' },
      { channel: 'slack', userId: 'U2', conversationId: 'C7:1700000000.000100' },
      { channel: 'sms', userId: '+12155550111' },
      { channel: 'x', userId: '42' },
      { channel: 'slack', userId: 'U3' },
    ];
    await optOuts.optOut('slack', 'U2', 'STOP');

    const results = await notifier.notify(request({ followers }), change({ note: 'crew assigned' }));

    assert.deepEqual(results, [
      { channel: 'sms', userId: '+12155550111', outcome: 'sent' },
      { channel: 'slack', userId: 'U1', outcome: 'sent' },
      { channel: 'slack', userId: 'U2', outcome: 'opted-out' },
      { channel: 'x', userId: '42', outcome: 'no-channel' },
      { channel: 'slack', userId: 'U3', outcome: 'no-conversation' },
    ]);
    const text =
      'Update on request #12345678 (Pothole): In progress - crew assigned. Expected by Wed, Nov 25.';
    assert.deepEqual(
      sms.sent.map((a) => [a.conversation?.id, a.recipient?.id, a.text]),
      [['+12155550111', '+12155550111', text]],
    );
    assert.deepEqual(
      slack.sent.map((a) => [a.conversation?.id, a.recipient?.id, a.text]),
      [['D1', 'U1', text]],
    );
  });

  it('reports a failed delivery without failing the status change', async () => {
    const conversations = createMemoryConversationStore();
    const optOuts = createMemoryOptOutStore();
    class Failing extends RecordingAdapter {
      protected override async deliver(): Promise<string> {
        throw new Error('provider down');
      }
    }
    const notifier = new Notifier({ conversations, optOuts, logger: silentLogger });
    notifier.register('sms', new Failing('sms'));
    await conversations.save(reference('sms', '+12155550111'));
    await notifier.statusChanged(request(), change());
    assert.deepEqual(await notifier.notify(request(), change()), [
      { channel: 'sms', userId: '+12155550111', outcome: 'failed' },
    ]);
  });
});
