/**
 * Twilio webhook signatures (X-Twilio-Signature): HMAC-SHA1 of the public
 * URL Twilio called followed by every POST parameter sorted by name, keyed
 * with the auth token, base64. Pure; Twilio's own `validateRequest` does the
 * constant-time compare. The URL must be the public one from configuration:
 * behind a proxy the URL the app sees differs.
 */
import twilio from 'twilio';

export type TwilioParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TwilioSignatureInput {
  readonly authToken: string;
  /** The exact public URL configured at Twilio, e.g. "https://311.example.org/sms". */
  readonly url: string;
  readonly params: TwilioParams;
  /** The X-Twilio-Signature header; missing counts as invalid. */
  readonly signature: string | undefined;
}

export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  if (!input.signature) return false;
  // twilio's types want mutable `Record<string, any>`; it only reads the params.
  return twilio.validateRequest(input.authToken, input.signature, input.url, { ...input.params });
}

/** The signature Twilio would send (tests, the simulator and the benchmark sign with it). */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, { ...params });
}
