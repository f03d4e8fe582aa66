/** Errors of our Direct Line endpoint, each with a stable code and the HTTP status it maps to. */
export const DIRECT_LINE_ERRORS = {
  TOKEN_MISSING: { status: 403, message: 'A Bearer token is required.' },
  TOKEN_INVALID: { status: 403, message: 'The token is not valid.' },
  TOKEN_EXPIRED: { status: 403, message: 'The token has expired.' },
  CONVERSATION_FORBIDDEN: { status: 403, message: 'The token does not grant this conversation.' },
  CONVERSATION_NOT_FOUND: { status: 404, message: 'The conversation does not exist or has ended.' },
  BAD_ACTIVITY: { status: 400, message: 'The activity is not valid.' },
  BAD_UPLOAD: { status: 400, message: 'The upload is not valid.' },
  UNSUPPORTED_MEDIA: { status: 415, message: 'Only JPEG, PNG, GIF or WebP images can be attached.' },
  TOO_LARGE: { status: 413, message: 'The request is too large.' },
  BAD_BODY: { status: 400, message: 'The body could not be read (a corrupt or truncated compressed body?).' },
  UNSUPPORTED_ENCODING: {
    status: 415,
    message: 'The body must be UTF-8, sent as is or with Content-Encoding gzip, deflate or br.',
  },
  TOO_MANY_UPLOADS: { status: 429, message: 'This conversation has reached its limit of photos.' },
} as const;

export type DirectLineErrorCode = keyof typeof DIRECT_LINE_ERRORS;

export class DirectLineError extends Error {
  readonly status: number;
  constructor(
    readonly code: DirectLineErrorCode,
    detail?: string,
  ) {
    super(detail ?? DIRECT_LINE_ERRORS[code].message);
    this.name = 'DirectLineError';
    this.status = DIRECT_LINE_ERRORS[code].status;
  }

  /** The body Direct Line clients expect for an error. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
