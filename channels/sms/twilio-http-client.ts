/**
 * The HTTP client under the `twilio` package's REST client (its `httpClient`
 * option): node's own http/https with a keep-alive agent. The package's
 * default client goes through axios, qs and interceptors, which cost more CPU
 * per message than the bot's whole turn (measured with `npm run bench -- sms`);
 * this one does the same job: Basic auth, form-encoded body with repeated keys
 * for arrays (MediaUrl), query parameters, a timeout, and Twilio's retry of a
 * 429 (Too Many Requests) with full-jitter exponential backoff.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ChannelError } from '../common/channel-error.js';

/** What twilio's Version/Domain layers hand to `httpClient.request`. */
export interface TwilioHttpRequest {
  readonly method: string;
  readonly uri: string;
  readonly username?: string;
  readonly password?: string;
  readonly headers?: Record<string, string>;
  readonly params?: object;
  readonly data?: object;
  readonly timeout?: number;
}

/** What twilio's layers read back: they JSON.parse a string body themselves. */
export interface TwilioHttpResponse {
  readonly statusCode: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

export interface TwilioHttpClientOptions {
  readonly timeoutMs: number;
  /** Retries of a 429 answer (Twilio's default client: 3). */
  readonly maxRetries: number;
  /** Upper bound of one backoff delay (Twilio's default client: 3 s). */
  readonly maxRetryDelayMs?: number;
  /** Concurrent connections to the API (Twilio's default client: 20). */
  readonly maxSockets?: number;
  /** For tests: the random source of the backoff jitter. */
  readonly random?: () => number;
}

const INITIAL_RETRY_DELAY_MS = 100;
const DEFAULT_MAX_RETRY_DELAY_MS = 3000;
const DEFAULT_MAX_SOCKETS = 20;
/** An API answer larger than this is not a Messages resource: refuse it rather than buffer it. */
const MAX_RESPONSE_BYTES = 1_000_000;

/** Form encoding as Twilio expects it: arrays repeat the key (MediaUrl=a&MediaUrl=b); undefined is left out. */
export function formEncode(values: object | undefined): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) form.append(key, String(item));
    }
  }
  return form.toString();
}

export class TwilioHttpClient {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly random: () => number;

  constructor(private readonly options: TwilioHttpClientOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
    this.random = options.random ?? Math.random;
  }

  async request(opts: TwilioHttpRequest): Promise<TwilioHttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.once(opts);
      if (response.statusCode !== 429 || attempt >= this.options.maxRetries) return response;
      const ceiling = Math.min(
        this.options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
        INITIAL_RETRY_DELAY_MS * 2 ** (attempt + 1),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(ceiling * this.random())));
    }
  }

  /** Closes idle keep-alive connections (shutdown, tests). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private once(opts: TwilioHttpRequest): Promise<TwilioHttpResponse> {
    const url = new URL(opts.uri);
    const query = formEncode(opts.params);
    if (query) url.search = url.search ? `${url.search}&${query}` : query;
    const headers: Record<string, string> = { ...opts.headers, Connection: 'keep-alive' };
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    }
    const json = headers['Content-Type'] === 'application/json';
    const body =
      opts.data === undefined ? undefined : json ? JSON.stringify(opts.data) : formEncode(opts.data);
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const timeout = opts.timeout ?? this.options.timeoutMs;

    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: opts.method.toUpperCase(),
          headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(new ChannelError('PROVIDER_FAILED', 'the Twilio API answer is too large'));
            } else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              statusCode: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new ChannelError('PROVIDER_FAILED', `no answer from the Twilio API in ${timeout} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
