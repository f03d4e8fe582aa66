/**
 * Sends SMS/MMS through Twilio's REST API with the official client. The API
 * base URL can point at a loopback fake (tests, simulator, benchmark).
 */
import twilio from 'twilio';
import type { TwilioConfig } from '../../bot/config.js';
import { ChannelError } from '../common/channel-error.js';
import { TwilioHttpClient } from './twilio-http-client.js';

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
  // Our lean HTTP client under the official REST client: keep-alive connections (no TLS handshake per
  // message) and a 429 (too many requests) retried with backoff up to 3 times, without axios's CPU cost.
  const httpClient = new TwilioHttpClient({ timeoutMs: TWILIO_SEND_TIMEOUT_MS, maxRetries: 3 });
  const client = twilio(config.accountSid, config.authToken, {
    // twilio's type is its axios-based class; ours implements the one method the client calls.
    httpClient: httpClient as unknown as NonNullable<Parameters<typeof twilio>[2]>['httpClient'],
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
