/**
 * Sends SMS/MMS through Twilio's REST API with the official client. The API
 * base URL can point at a loopback fake (tests, simulator, benchmark).
 */
import twilio from 'twilio';
import type { TwilioConfig } from '../../bot/config.js';
import { ChannelError } from '../common/channel-error.js';

/** How long one Twilio API call may take before we give up on it. */
export const TWILIO_SEND_TIMEOUT_MS = 10_000;
/** Twilio's error code for a number that has replied STOP. */
export const TWILIO_UNSUBSCRIBED_RECIPIENT = 21610;

export interface OutgoingSms {
  readonly to: string;
  readonly body: string;
  readonly mediaUrls: readonly string[];
}

export interface SmsSender {
  /** Resolves with Twilio's message sid; rejects with a ChannelError (PROVIDER_FAILED). */
  send(message: OutgoingSms): Promise<string>;
}

/** The Twilio error code of a failed call, when Twilio gave one. */
export function twilioErrorCode(error: unknown): number | undefined {
  const cause = error instanceof ChannelError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function createTwilioSender(config: TwilioConfig): SmsSender {
  // keepAlive: Twilio's client otherwise sends "Connection: close" and opens a connection (a TLS
  // handshake) per message. autoRetry: a 429 (too many requests) is retried with backoff, up to 3 times.
  const client = twilio(config.accountSid, config.authToken, {
    timeout: TWILIO_SEND_TIMEOUT_MS,
    keepAlive: true,
    autoRetry: true,
    maxRetries: 3,
  });
  if (config.apiUrl) client.api.baseUrl = config.apiUrl;
  return {
    async send(message) {
      try {
        const sent = await client.messages.create({
          from: config.from,
          to: message.to,
          body: message.body,
          ...(message.mediaUrls.length > 0 ? { mediaUrl: [...message.mediaUrls] } : {}),
        });
        return sent.sid;
      } catch (error) {
        throw new ChannelError('PROVIDER_FAILED', 'Twilio did not accept the message', { cause: error });
      }
    },
  };
}
