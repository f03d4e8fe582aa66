/**
 * Form bodies and query strings decoded strictly: percent-escapes must be
 * well formed and the bytes valid UTF-8, or the field is named in the error -
 * never stored still percent-encoded or with replacement characters.
 */

/** Every value given for each name, in order (a Map: any name, `__proto__` too, is just a name). */
export type FormFields = ReadonlyMap<string, readonly string[]>;

/** A file part of a multipart body. */
export interface FormFile {
  readonly bytes: Uint8Array;
  readonly filename: string;
}

export interface DecodedForm {
  readonly fields: FormFields;
  readonly files: ReadonlyMap<string, readonly FormFile[]>;
}

/** Why a body could not be decoded, naming the field at fault when there is one. */
export class FormDecodeError extends Error {
  constructor(
    readonly reason: 'bad-encoding' | 'too-many-fields' | 'unreadable',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FormDecodeError';
  }
}

/** At most this many name=value pairs (body-parser's default is 1,000; a service request has ~20). */
export const MAX_FORM_FIELDS = 200;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const HEX = /^[0-9a-fA-F]{2}$/;

/** One percent-encoded component (`+` is a space) as text; undefined when malformed or not UTF-8. */
function decodeComponent(raw: Uint8Array): string | undefined {
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x2b) out[n++] = 0x20;
    else if (byte === 0x25) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (!HEX.test(hex)) return undefined;
      out[n++] = Number.parseInt(hex, 16);
      i += 2;
    } else out[n++] = byte;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    return undefined;
  }
}

/** `application/x-www-form-urlencoded` bytes (a body, or a query string without `?`). */
export function decodeUrlEncoded(bytes: Uint8Array): FormFields {
  const fields = new Map<string, string[]>();
  let start = 0;
  let count = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x26) continue;
    const pair = bytes.subarray(start, i);
    start = i + 1;
    if (pair.length === 0) continue;
    if (++count > MAX_FORM_FIELDS) {
      throw new FormDecodeError('too-many-fields', `at most ${MAX_FORM_FIELDS} fields are accepted`);
    }
    const eq = pair.indexOf(0x3d);
    const rawName = eq < 0 ? pair : pair.subarray(0, eq);
    const name = decodeComponent(rawName);
    if (name === undefined) {
      const shown = Buffer.from(rawName).toString('latin1').slice(0, 40);
      throw new FormDecodeError('bad-encoding', `the field name "${shown}" is not valid UTF-8`);
    }
    const value = eq < 0 ? '' : decodeComponent(pair.subarray(eq + 1));
    if (value === undefined) {
      throw new FormDecodeError('bad-encoding', `${name} is not valid UTF-8 text`, name);
    }
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** The query string of a request URL (`/x?a=1`), decoded as strictly as a body. */
export function decodeQuery(url: string): FormFields {
  const at = url.indexOf('?');
  return at < 0 ? new Map() : decodeUrlEncoded(Buffer.from(url.slice(at + 1), 'latin1'));
}

/**
 * `multipart/form-data` with the platform's own parser. It turns bytes that
 * are not UTF-8 into U+FFFD, so a text part holding one is refused as not UTF-8.
 */
export async function decodeMultipart(
  contentType: string,
  body: Uint8Array<ArrayBuffer>,
): Promise<DecodedForm> {
  let form: FormData;
  try {
    form = await new Request('http://open311.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData();
  } catch {
    throw new FormDecodeError('unreadable', 'the multipart body could not be read');
  }
  const fields = new Map<string, string[]>();
  const files = new Map<string, FormFile[]>();
  let count = 0;
  for (const [name, value] of form) {
    if (++count > MAX_FORM_FIELDS) {
      throw new FormDecodeError('too-many-fields', `at most ${MAX_FORM_FIELDS} fields are accepted`);
    }
    if (typeof value === 'string') {
      if (value.includes('\uFFFD') || name.includes('\uFFFD')) {
        throw new FormDecodeError('bad-encoding', `${name} is not valid UTF-8 text`, name);
      }
      fields.set(name, [...(fields.get(name) ?? []), value]);
    } else {
      const file = { bytes: new Uint8Array(await value.arrayBuffer()), filename: value.name };
      files.set(name, [...(files.get(name) ?? []), file]);
    }
  }
  return { fields, files };
}
