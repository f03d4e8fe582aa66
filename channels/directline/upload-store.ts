import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DirectLineError } from './directline-error.js';

/** The largest photo a resident can attach. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Photos per message. */
export const MAX_UPLOAD_FILES = 3;
/** Photos per conversation: they stay on disk, so one conversation cannot fill it. */
export const MAX_UPLOADS_PER_CONVERSATION = 10;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
const EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const BY_EXTENSION = new Map(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type as ImageType]));
/** Stored names are ours: 32 hex characters and a known extension. Nothing else is ever read. */
const STORED_NAME = /^[a-f0-9]{32}\.(jpg|png|gif|webp)$/;

/** The image type the bytes really are (by their signature), whatever the client claimed. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface StoredUpload {
  readonly name: string;
  readonly contentType: ImageType;
}

/**
 * Photos residents attach, kept as files under one folder (UPLOAD_DIR, default
 * DATA_DIR/uploads) with random names. The name is the whole record: nothing
 * about a photo is held in this process, so instances pointed at one shared
 * folder (a network mount) each serve every photo any of them stored.
 * (The per-conversation bound, MAX_UPLOADS_PER_CONVERSATION, is counted with
 * the conversation, not here.)
 */
export class UploadStore {
  /** `dir`: the folder, created on the first save; the composition root passes `config.uploadDir`. */
  constructor(readonly dir: string) {}

  /** The photo's real type if it may be stored; throws DirectLineError TOO_LARGE / UNSUPPORTED_MEDIA. */
  check(bytes: Uint8Array): ImageType {
    if (bytes.length > MAX_UPLOAD_BYTES) {
      throw new DirectLineError('TOO_LARGE', 'A photo can be at most 5 MB.');
    }
    const contentType = sniffImage(bytes);
    if (!contentType) throw new DirectLineError('UNSUPPORTED_MEDIA');
    return contentType;
  }

  /**
   * Checks size and real type, then stores: written under a temporary name
   * (never served) and renamed into place, so no instance, and no restart
   * after a crash, ever serves half a photo.
   */
  async save(bytes: Uint8Array): Promise<StoredUpload> {
    const contentType = this.check(bytes);
    const id = randomBytes(16).toString('hex');
    const name = `${id}.${EXTENSIONS[contentType]}`;
    const partial = path.join(this.dir, `.${id}.partial`);
    await mkdir(this.dir, { recursive: true });
    try {
      await writeFile(partial, bytes, { flag: 'wx' });
      await rename(partial, path.join(this.dir, name));
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw error;
    }
    return { name, contentType };
  }

  /** Removes a stored photo (one whose request was not filed after all); unknown names are ignored. */
  async remove(name: string): Promise<void> {
    if (!STORED_NAME.test(name)) return;
    await rm(path.join(this.dir, name), { force: true });
  }

  /** A stored photo by its name, or undefined (unknown or not a name we give out). */
  async read(name: string): Promise<{ bytes: Buffer; contentType: ImageType } | undefined> {
    if (!STORED_NAME.test(name)) return undefined;
    const contentType = BY_EXTENSION.get(name.slice(name.lastIndexOf('.') + 1));
    if (!contentType) return undefined;
    try {
      return { bytes: await readFile(path.join(this.dir, name)), contentType };
    } catch {
      return undefined;
    }
  }
}
