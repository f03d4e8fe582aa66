/** Sends X direct messages: POST {apiUrl}/2/dm_conversations/with/{participant_id}/messages. */
import { ChannelError } from '../common/channel-error.js';

/** How long one X API call may take before we give up on it. */
export const X_SEND_TIMEOUT_MS = 10_000;

export interface XSender {
  /** Resolves with X's dm_event_id; rejects with a ChannelError (PROVIDER_FAILED). */
  send(participantId: string, text: string): Promise<string | undefined>;
}

export interface XClientConfig {
  readonly apiUrl: string;
  readonly accessToken: string;
}

export function createXSender(config: XClientConfig): XSender {
  const base = config.apiUrl.replace(/\/$/, '');
  return {
    async send(participantId, text) {
      const url = `${base}/2/dm_conversations/with/${encodeURIComponent(participantId)}/messages`;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
          signal: AbortSignal.timeout(X_SEND_TIMEOUT_MS),
        });
      } catch (error) {
        throw new ChannelError('PROVIDER_FAILED', 'the X API could not be reached', { cause: error });
      }
      const payload = (await res.json().catch(() => undefined)) as
        | { data?: { dm_event_id?: string } }
        | undefined;
      if (!res.ok) {
        throw new ChannelError('PROVIDER_FAILED', `the X API answered ${res.status}`, {
          cause: { status: res.status },
        });
      }
      return payload?.data?.dm_event_id;
    },
  };
}
