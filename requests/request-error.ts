/** Stable codes for what can go wrong with a request. Branch on `code`, never on the message. */
export const REQUEST_ERROR_CODES = [
  /** No request has that tracking number. */
  'not-found',
  'unknown-service',
  /** An attribute value is missing, not in the list or of the wrong type; `field` names it. */
  'invalid-attribute',
  'missing-location',
  'invalid-location',
  'description-too-long',
  /** Some other field of the request is unusable; `field` names it. */
  'invalid-field',
  'invalid-status',
  'invalid-transition',
  /** closed-unfounded, not-city-responsibility and reopening need a reason. */
  'missing-reason',
  'missing-parent',
  'invalid-parent',
  /** Someone else changed the request first. */
  'conflict',
  /** No fresh tracking number could be drawn. */
  'id-exhausted',
  'store-unreadable',
  'store-closed',
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

export class RequestError extends Error {
  readonly code: RequestErrorCode;
  /** The attribute or field at fault, for a 400 that names it. */
  readonly field: string | undefined;

  constructor(code: RequestErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
    this.field = field;
  }
}

export const isRequestError = (error: unknown, code?: RequestErrorCode): error is RequestError =>
  error instanceof RequestError && (code === undefined || error.code === code);
