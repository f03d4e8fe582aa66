import type { TurnContext } from 'botbuilder';

/**
 * Who sent a message: the channel it really came through plus the user id on
 * that channel. Opt-outs, liaison links, "my requests", the requester of a
 * filed request and conversation references are all keyed by it.
 */
export interface Identity {
  readonly channel: string;
  readonly userId: string;
}

/**
 * Turn-state key for the channel a message really came through. SMS, Slack,
 * X, Direct Line and the console build each activity themselves and put their
 * own channel id on it; an adapter that passes a caller's `channelId` through
 * (Bot Framework's `/api/messages`) must record the real channel here, so a
 * caller cannot claim to be an SMS or Slack user by naming that channel.
 */
export const IDENTITY_CHANNEL = Symbol('identityChannel');

/** The sender's identity, from the channel the adapter recorded (else the activity's own channel id). */
export function identityOf(context: Pick<TurnContext, 'activity' | 'turnState'>): Identity {
  const stamped: unknown = context.turnState.get(IDENTITY_CHANNEL);
  const { channelId, from } = context.activity;
  return {
    channel: typeof stamped === 'string' ? stamped : (channelId ?? 'unknown'),
    userId: from?.id ?? '',
  };
}
