import path from 'node:path';
import type { GeocoderSettings } from '../requests/geocoder/create-geocoder.js';

/**
 * Configuration is parsed once, here, into a typed frozen object. Only the
 * composition root calls `loadConfig(process.env)`; everything else receives
 * what it needs as parameters. A channel is enabled only when all of its
 * credentials are set.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  readonly from: string;
  readonly apiUrl?: string;
  /**
   * Send through Twilio's client on a worker thread (TWILIO_SEND_THREAD=on|off).
   * Default on with lowdb (more replies per second from the one process), off
   * with DATABASE_URL: there an instance is bound by the database, not the
   * client, and the thread's own V8 heap costs about 35 MB per instance.
   */
  readonly sendThread?: boolean;
}
export interface SlackConfig {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly apiUrl?: string;
}
export interface XConfig {
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly botUserId: string;
  readonly apiUrl: string;
}

/** A latitude/longitude box; Open311 refuses coordinates outside it. */
export interface CityBounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** Philadelphia's city limits, rounded outwards. */
export const PHILADELPHIA_BOUNDS: CityBounds = Object.freeze({
  south: 39.867,
  west: -75.2803,
  north: 40.138,
  east: -74.9557,
});

/**
 * Express's `trust proxy` setting: a hop count, or the addresses, subnets and
 * names (`loopback`, `linklocal`, `uniquelocal`) of the proxies to believe.
 */
export type TrustProxy = number | readonly string[];

/** PostgreSQL, the production store (DATABASE_URL); without it every store is a lowdb file in DATA_DIR. */
export interface DatabaseConfig {
  readonly url: string;
  /** Schema for the bot's tables (DATABASE_SCHEMA, default `public`). */
  readonly schema: string;
  /** Connections per process (DATABASE_POOL_SIZE, default 10). */
  readonly poolSize: number;
}

export interface Config {
  readonly port: number;
  readonly dataDir: string;
  /**
   * Photos residents attach (UPLOAD_DIR, default DATA_DIR/uploads). Instances behind one load
   * balancer share one folder (a network mount), so a photo is served by whichever gets the request.
   */
  readonly uploadDir: string;
  readonly database?: DatabaseConfig;
  /** Processes serving one port (WORKERS, default 1; more than one needs DATABASE_URL). */
  readonly workers: number;
  /** Public base URL the providers call (Twilio signs over it) and every absolute URL the server hands out. */
  readonly publicUrl?: string;
  /** Which proxies' X-Forwarded-* headers to believe; undefined = none (the socket's address is the client). */
  readonly trustProxy?: TrustProxy;
  /** Signs Direct Line tokens; undefined = a random secret per process (tokens die with it). */
  readonly directLineSecret?: string;
  readonly cityName: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Conversation state idle longer than this is dropped. */
  readonly stateIdleMinutes: number;
  /**
   * How long a webhook message being run is held by its instance (INBOX_LEASE_SECONDS, default 60):
   * after a crash, another instance (or the restarted one) runs it once this has passed.
   */
  readonly inboxLeaseSeconds: number;
  /** Conversation references (how to reach a resident with a notice) unused this long are dropped. */
  readonly conversationRetentionDays: number;
  /** Bot Framework app credentials; without them /api/messages accepts the Emulator unauthenticated. */
  readonly microsoftAppId?: string;
  readonly microsoftAppPassword?: string;
  readonly microsoftAppTenantId?: string;
  readonly open311ApiKey?: string;
  /** The one jurisdiction this Open311 endpoint serves; another jurisdiction_id gets 404. */
  readonly open311JurisdictionId?: string;
  /** Origins allowed to call Open311 from a browser: `'*'` (reads only) or a list (reads and POST). */
  readonly open311CorsOrigins: '*' | readonly string[];
  /** Coordinates outside this box are refused by Open311 (CITY_BOUNDS, default Philadelphia's). */
  readonly cityBounds: CityBounds;
  readonly staffToken?: string;
  /** Where addresses are looked up (GEOCODER=ais|generic|file|none, default the offline sample file). */
  readonly geocoder: GeocoderSettings;
  /** How long one lookup may take before the bot answers without it (GEOCODER_TIMEOUT_MS, default 1500). */
  readonly geocoderTimeoutMs: number;
  readonly twilio?: TwilioConfig;
  readonly slack?: SlackConfig;
  readonly x?: XConfig;
}

export type Env = Readonly<Record<string, string | undefined>>;

function opt(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** All of a group's variables, or none; a partial group fails naming what is missing. */
function group<T>(
  env: Env,
  names: readonly string[],
  build: (get: (n: string) => string) => T,
): T | undefined {
  const present = names.filter((n) => opt(env, n) !== undefined);
  if (present.length === 0) return undefined;
  const missing = names.filter((n) => opt(env, n) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      missing[0]!,
      `is required when ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set`,
    );
  }
  return build((n) => opt(env, n)!);
}

function url(env: Env, name: string): string | undefined {
  const v = opt(env, name);
  if (v === undefined) return undefined;
  try {
    return new URL(v).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(name, `must be an absolute URL, got "${v}"`);
  }
}

function trustProxy(env: Env): TrustProxy | undefined {
  const raw = opt(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY',
      'name the proxies to trust (addresses, subnets, loopback, uniquelocal) or a hop count; "true" would let any client pick its own address',
    );
  }
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  for (const part of list) {
    if (!named.has(part) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part)) {
      throw new ConfigError(
        'TRUST_PROXY',
        `"${part}" is not an address, a subnet, loopback, linklocal or uniquelocal`,
      );
    }
  }
  return Object.freeze(list);
}

function corsOrigins(env: Env): '*' | readonly string[] {
  const raw = opt(env, 'OPEN311_CORS_ORIGINS');
  if (raw === undefined || raw === '*') return '*';
  const origins = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return Object.freeze(
    origins.map((origin) => {
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        throw new ConfigError(
          'OPEN311_CORS_ORIGINS',
          `"${origin}" is not an origin like https://example.org`,
        );
      }
      if (parsed.origin === 'null' || `${parsed.origin}` !== origin.replace(/\/$/, '')) {
        throw new ConfigError(
          'OPEN311_CORS_ORIGINS',
          `"${origin}" is not an origin like https://example.org`,
        );
      }
      return parsed.origin;
    }),
  );
}

function cityBounds(env: Env): CityBounds {
  const raw = opt(env, 'CITY_BOUNDS');
  if (raw === undefined) return PHILADELPHIA_BOUNDS;
  const parts = raw.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
  const [south, west, north, east] = numbers;
  if (
    numbers.length !== 4 ||
    numbers.some((n) => !Number.isFinite(n)) ||
    south! < -90 ||
    north! > 90 ||
    south! >= north! ||
    west! < -180 ||
    east! > 180 ||
    west! >= east!
  ) {
    throw new ConfigError('CITY_BOUNDS', `must be "south,west,north,east" in decimal degrees, got "${raw}"`);
  }
  return Object.freeze({ south: south!, west: west!, north: north!, east: east! });
}

function geocoder(env: Env): GeocoderSettings {
  const kind = (opt(env, 'GEOCODER') ?? 'file').toLowerCase();
  switch (kind) {
    case 'none':
      return Object.freeze({ kind });
    case 'file':
      return Object.freeze({
        kind,
        file: opt(env, 'GEOCODER_FILE'),
        complete: onOff(env, 'GEOCODER_FILE_COMPLETE', false),
      });
    case 'ais':
      return Object.freeze({ kind, url: url(env, 'AIS_API_URL'), key: opt(env, 'AIS_GATEKEEPER_KEY') });
    case 'generic': {
      const search = url(env, 'GEOCODER_URL');
      if (!search) throw new ConfigError('GEOCODER_URL', 'is required when GEOCODER is generic');
      return Object.freeze({ kind, url: search, areasFile: opt(env, 'GEOCODER_AREAS') });
    }
    default:
      throw new ConfigError('GEOCODER', `must be ais, generic, file or none, got "${kind}"`);
  }
}

function database(env: Env): DatabaseConfig | undefined {
  const raw = opt(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a URL like postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must start with postgres:// or postgresql://, got "${parsed.protocol}//"`,
    );
  }
  const schema = opt(env, 'DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError(
      'DATABASE_SCHEMA',
      `must be a lower-case identifier (letters, digits, _), got "${schema}"`,
    );
  }
  return Object.freeze({ url: raw, schema, poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200) });
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = opt(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be on or off, got "${raw}"`);
}

function secret(env: Env, name: string): string | undefined {
  const v = opt(env, name);
  if (v !== undefined && v.length < 32) {
    throw new ConfigError(name, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)');
  }
  return v;
}

export function loadConfig(env: Env): Config {
  const logLevel = opt(env, 'LOG_LEVEL') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be debug, info, warn or error, got "${logLevel}"`);
  }
  const dataDir = opt(env, 'DATA_DIR') ?? './data';
  const config: Config = {
    port: int(env, 'PORT', 3978, 0, 65535),
    dataDir,
    uploadDir: opt(env, 'UPLOAD_DIR') ?? path.join(dataDir, 'uploads'),
    database: database(env),
    workers: int(env, 'WORKERS', 1, 1, 64),
    publicUrl: url(env, 'PUBLIC_URL'),
    trustProxy: trustProxy(env),
    directLineSecret: secret(env, 'DIRECTLINE_SECRET'),
    cityName: opt(env, 'CITY_NAME') ?? 'Philadelphia',
    logLevel: logLevel as Config['logLevel'],
    stateIdleMinutes: int(env, 'STATE_IDLE_MINUTES', 24 * 60, 1, 60 * 24 * 365),
    conversationRetentionDays: int(env, 'CONVERSATION_RETENTION_DAYS', 365, 1, 3650),
    inboxLeaseSeconds: int(env, 'INBOX_LEASE_SECONDS', 60, 1, 3600),
    microsoftAppId: opt(env, 'MICROSOFT_APP_ID'),
    microsoftAppPassword: opt(env, 'MICROSOFT_APP_PASSWORD'),
    microsoftAppTenantId: opt(env, 'MICROSOFT_APP_TENANT_ID'),
    open311ApiKey: opt(env, 'OPEN311_API_KEY'),
    open311JurisdictionId: opt(env, 'OPEN311_JURISDICTION_ID'),
    open311CorsOrigins: corsOrigins(env),
    cityBounds: cityBounds(env),
    staffToken: opt(env, 'STAFF_TOKEN'),
    geocoder: geocoder(env),
    geocoderTimeoutMs: int(env, 'GEOCODER_TIMEOUT_MS', 1500, 50, 30_000),
    twilio: group(env, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'], (get) => ({
      accountSid: get('TWILIO_ACCOUNT_SID'),
      authToken: get('TWILIO_AUTH_TOKEN'),
      from: get('TWILIO_FROM'),
      apiUrl: url(env, 'TWILIO_API_URL'),
      sendThread: onOff(env, 'TWILIO_SEND_THREAD', opt(env, 'DATABASE_URL') === undefined),
    })),
    slack: group(env, ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'], (get) => ({
      signingSecret: get('SLACK_SIGNING_SECRET'),
      botToken: get('SLACK_BOT_TOKEN'),
      apiUrl: url(env, 'SLACK_API_URL'),
    })),
    x: group(env, ['X_CONSUMER_SECRET', 'X_ACCESS_TOKEN', 'X_BOT_USER_ID'], (get) => ({
      consumerSecret: get('X_CONSUMER_SECRET'),
      accessToken: get('X_ACCESS_TOKEN'),
      botUserId: get('X_BOT_USER_ID'),
      apiUrl: url(env, 'X_API_URL') ?? 'https://api.x.com',
    })),
  };
  if (config.workers > 1 && !config.database) {
    throw new ConfigError(
      'WORKERS',
      'more than one worker needs DATABASE_URL: lowdb files are written by one process per DATA_DIR',
    );
  }
  if (config.twilio && !config.publicUrl) {
    throw new ConfigError(
      'PUBLIC_URL',
      'is required when Twilio is configured (signatures are checked against it)',
    );
  }
  return Object.freeze(config);
}
