/** Errors a channel raises, each with a stable `code` (never branch on messages). */
export type ChannelErrorCode =
  | 'NOT_SUPPORTED'
  | 'NO_CONVERSATION'
  | 'PROVIDER_FAILED'
  | 'BAD_REQUEST'
  | 'FORBIDDEN';

export class ChannelError extends Error {
  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelError';
  }
}
