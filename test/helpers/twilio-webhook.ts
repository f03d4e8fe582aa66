/** Posts SMS to our webhook signed exactly as Twilio signs them (with Twilio's own library). */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export const TEST_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TEST_AUTH_TOKEN = 'test-twilio-auth-token';
export const TEST_BOT_NUMBER = '+12155550100';

/** The app's Twilio variables for a test account whose REST API is the loopback fake at `apiUrl`. */
export function testTwilioEnv(apiUrl: string): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_FROM: TEST_BOT_NUMBER,
    TWILIO_API_URL: apiUrl,
  };
}

/** The same as a parsed TwilioConfig, for building the SMS channel directly. */
export function testTwilioConfig(apiUrl: string) {
  return { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, from: TEST_BOT_NUMBER, apiUrl };
}

export interface SmsOptions {
  readonly from: string;
  readonly body?: string;
  readonly sid?: string;
  readonly media?: readonly { readonly url: string; readonly contentType: string }[];
  readonly to?: string;
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** The parameters Twilio posts for an inbound SMS/MMS (a realistic subset, extra fields included). */
export function smsParams(options: SmsOptions): Record<string, string> {
  const media = options.media ?? [];
  const params: Record<string, string> = {
    ToCountry: 'US',
    ToState: 'PA',
    SmsMessageSid: options.sid ?? newMessageSid(),
    NumMedia: String(media.length),
    FromCountry: 'US',
    SmsStatus: 'received',
    Body: options.body ?? '',
    To: options.to ?? TEST_BOT_NUMBER,
    NumSegments: '1',
    From: options.from,
    ApiVersion: '2010-04-01',
    AccountSid: TEST_ACCOUNT_SID,
  };
  params.MessageSid = params.SmsMessageSid!;
  media.forEach((m, i) => {
    params[`MediaUrl${i}`] = m.url;
    params[`MediaContentType${i}`] = m.contentType;
  });
  return params;
}

export interface PostOptions {
  /** The URL the signature is computed over (the public URL Twilio was configured with). */
  readonly signedUrl: string;
  readonly authToken?: string;
  /** Replace the signature (forgeries); `null` sends none. */
  readonly signature?: string | null;
}

/** POSTs form parameters to `target` with X-Twilio-Signature over `signedUrl`. */
export async function postTwilioWebhook(
  target: string,
  params: Record<string, string>,
  options: PostOptions,
): Promise<{ status: number; body: string; contentType: string }> {
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.authToken ?? TEST_AUTH_TOKEN, options.signedUrl, params)
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(target, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}
