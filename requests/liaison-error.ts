/** Stable codes for what can go wrong with liaison accounts. Branch on `code`, never on the message. */
export const LIAISON_ERROR_CODES = [
  'not-found',
  /** The account was revoked: nothing more can be done with it. */
  'revoked',
  /** A field of an account is missing or unusable; `field` names it. */
  'invalid-field',
  /** The CSV itself cannot be read (unterminated quote, no header, missing column). */
  'invalid-csv',
  'too-many-rows',
  /** The request kept changing while a note was added. */
  'conflict',
  /** No fresh account id could be drawn. */
  'id-exhausted',
  'store-unreadable',
  'store-closed',
] as const;
export type LiaisonErrorCode = (typeof LIAISON_ERROR_CODES)[number];

export class LiaisonError extends Error {
  readonly code: LiaisonErrorCode;
  readonly field: string | undefined;

  constructor(code: LiaisonErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'LiaisonError';
    this.code = code;
    this.field = field;
  }
}

export const isLiaisonError = (error: unknown, code?: LiaisonErrorCode): error is LiaisonError =>
  error instanceof LiaisonError && (code === undefined || error.code === code);
