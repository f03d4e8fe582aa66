/**
 * Twilio webhook signatures (X-Twilio-Signature): HMAC-SHA1 of the public
 * URL Twilio called (query string included) followed by every POST parameter
 * sorted by name, keyed with the auth token, base64. Pure; Twilio's own
 * `validateRequest` does the constant-time compare. The URL must be the
 * public one from configuration: behind a proxy the URL the app sees differs.
 */
import twilio from 'twilio';

export type TwilioParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TwilioSignatureInput {
  readonly authToken: string;
  /** The exact public URL Twilio called, e.g. "https://311.example.org/sms?city=phl" (see `twilioWebhookUrl`). */
  readonly url: string;
  readonly params: TwilioParams;
  /** The X-Twilio-Signature header; missing counts as invalid. */
  readonly signature: string | undefined;
}

export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  if (!input.signature) return false;
  try {
    // twilio's types want mutable `Record<string, any>`; it only reads the params.
    return twilio.validateRequest(input.authToken, input.signature, input.url, { ...input.params });
  } catch {
    // A URL that does not parse was not signed by Twilio.
    return false;
  }
}

/**
 * The URL Twilio called: the public base URL (PUBLIC_URL, which may carry a
 * path prefix the proxy strips) followed by the path and query exactly as
 * the app received them (`req.originalUrl`), so `$PUBLIC_URL/sms?city=phl`
 * is checked with its query and a request signed for `/sms` fails at
 * `/sms?x=1`. Undefined for a request target that is not a path (the
 * absolute form), which Twilio never sends.
 */
export function twilioWebhookUrl(publicUrl: string, originalUrl: string): string | undefined {
  if (!originalUrl.startsWith('/')) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}${originalUrl}`;
}

/** The signature Twilio would send (tests, the simulator and the benchmark sign with it). */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, { ...params });
}
