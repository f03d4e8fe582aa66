/**
 * One injected logger. Personal data is redacted by default: phone numbers,
 * e-mail addresses, tokens and any field that carries message text or a user
 * id are masked before a line is written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values are personal data or secrets: never logged as they are. */
const SENSITIVE_FIELD =
  /^(text|body|message|from|to|phone|user|userid|user_id|sender|senderid|recipient|email|name|address|token|secret|password|authorization|contact|description)$/i;

const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const BEARER = /\b(bearer|token|key|secret|password)([=:\s]+)\S+/gi;
const SLACK_TOKEN = /\bxox[abprs]-[\w-]+/g;

/** Masks a value that is personal data: keeps only its length and the last two characters of ids. */
export function mask(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length <= 4) return '***';
  return `***${s.length > 12 ? `(${s.length} chars)` : s.slice(-2)}`;
}

/** Redacts phone numbers, e-mail addresses and tokens inside free text (e.g. an error message). */
export function redactText(text: string): string {
  return text
    .replace(SLACK_TOKEN, 'xox*-***')
    .replace(BEARER, (_m, k: string, sep: string) => `${k}${sep}***`)
    .replace(EMAIL, '***@***')
    .replace(PHONE, (m) => `***${m.replace(/\D/g, '').slice(-2)}`);
}

export function redactFields(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SENSITIVE_FIELD.test(key)) out[key] = mask(value);
    else if (typeof value === 'string') out[key] = redactText(value);
    else if (value instanceof Error) out[key] = { name: value.name, message: redactText(value.message) };
    else out[key] = value;
  }
  return out;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; defaults to stderr. */
  readonly write?: (line: string) => void;
  readonly clock?: () => Date;
}

/** A JSON-lines logger with redaction. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? (() => new Date());
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LEVELS[level] < min) return;
    write(
      JSON.stringify({
        t: clock().toISOString(),
        level,
        msg: redactText(message),
        ...redactFields(fields ?? {}),
      }),
    );
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests, the `ask` tool). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
