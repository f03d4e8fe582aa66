import { DirectLineError } from './directline-error.js';
import { MAX_UPLOAD_FILES } from './upload-store.js';

export interface ParsedUpload {
  /** The activity part Web Chat sends (JSON, type application/vnd.microsoft.activity). */
  readonly activity: unknown;
  readonly files: readonly { readonly bytes: Uint8Array; readonly name: string }[];
}

/**
 * Reads the multipart body of `POST /conversations/{id}/upload` (already
 * size-limited by the body parser) with the platform's own FormData parser.
 */
export async function parseUpload(contentType: string, body: unknown): Promise<ParsedUpload> {
  if (!Buffer.isBuffer(body) || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new DirectLineError('BAD_UPLOAD', 'The upload must be multipart/form-data.');
  }
  let form: FormData;
  try {
    form = await new Request('http://upload.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new DirectLineError('BAD_UPLOAD', 'The multipart body could not be read.');
  }
  const activityPart = form.get('activity');
  if (activityPart === null) throw new DirectLineError('BAD_UPLOAD', 'The upload has no activity part.');
  let activity: unknown;
  try {
    activity = JSON.parse(typeof activityPart === 'string' ? activityPart : await activityPart.text());
  } catch {
    throw new DirectLineError('BAD_UPLOAD', 'The activity part is not valid JSON.');
  }
  const files = [];
  for (const part of form.getAll('file')) {
    if (typeof part === 'string') continue;
    files.push({ bytes: new Uint8Array(await part.arrayBuffer()), name: safeName(part.name) });
  }
  if (files.length === 0) throw new DirectLineError('BAD_UPLOAD', 'The upload has no file.');
  if (files.length > MAX_UPLOAD_FILES) {
    throw new DirectLineError('TOO_LARGE', `At most ${MAX_UPLOAD_FILES} photos per message.`);
  }
  return { activity, files };
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^\w.\- ]+/g, '_').slice(0, 100);
  return cleaned || 'photo';
}
