/**
 * Errors a teacher can act on: a stable `code` for programs and tests, a plain `message`
 * saying what went wrong, and a `fix` saying what to do about it.
 */
export type StudioErrorCode =
  | 'INVALID_ARGUMENT'
  /** A request whose shape is wrong: it was not made by this studio's window or CLI. */
  | 'BAD_REQUEST'
  | 'NO_PROJECT_OPEN'
  | 'PROJECT_NOT_FOUND'
  | 'PROJECT_EXISTS'
  | 'PROJECT_LOCKED'
  /** A project folder's own entry is a symbolic link or the wrong kind; `details.entry` names it. */
  | 'PROJECT_UNSAFE'
  | 'DATABASE_CORRUPT'
  | 'DECK_NOT_FOUND'
  | 'DECK_EXISTS'
  | 'CLASS_NOT_FOUND'
  | 'CLASS_EXISTS'
  | 'PHOTO_NOT_FOUND'
  | 'IMAGE_UNSUPPORTED'
  | 'IMAGE_CORRUPT'
  | 'IMAGE_TOO_LARGE'
  | 'IMPORT_TOO_LARGE'
  | 'FILE_NOT_FOUND'
  | 'CSV_MALFORMED'
  | 'JOB_NOT_FOUND'
  | 'JOB_CANCELLED'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_OFFLINE'
  | 'MODEL_INCOMPLETE'
  | 'MODEL_INVALID'
  | 'NOT_ENOUGH_PHOTOS'
  | 'NOT_TRAINED'
  | 'TRAINING_DIVERGED'
  | 'WORDS_MISSING'
  | 'STACK_BASE_MISMATCH'
  | 'EXPORT_FAILED'
  | 'PARITY_FAILED'
  | 'ADB_MISSING'
  | 'ADB_VERSION_MISMATCH'
  | 'ADB_INVALID'
  | 'DEVICE_NONE'
  | 'DEVICE_AMBIGUOUS'
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_UNAUTHORIZED'
  | 'DEVICE_OFFLINE'
  | 'DEVICE_NO_PERMISSIONS'
  | 'DEVICE_STORAGE_FULL'
  | 'DEVICE_DISCONNECTED'
  | 'DEVICE_HASH_MISMATCH'
  | 'CAMERA_UNAVAILABLE'
  /** A port the studio was asked to serve on is taken or not allowed. */
  | 'PORT_UNAVAILABLE'
  | 'SESSION_REFUSED'
  | 'INTERNAL';

/** What crosses the contract when a call fails. */
export interface StudioErrorPayload {
  code: StudioErrorCode;
  message: string;
  fix: string;
  /** Optional structured detail (e.g. the list of missing words). */
  details?: unknown;
}

export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly fix: string;
  readonly details?: unknown;

  constructor(code: StudioErrorCode, message: string, fix: string, details?: unknown) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.fix = fix;
    this.details = details;
  }

  toPayload(): StudioErrorPayload {
    return { code: this.code, message: this.message, fix: this.fix, details: this.details };
  }

  static fromPayload(p: StudioErrorPayload): StudioError {
    return new StudioError(p.code, p.message, p.fix, p.details);
  }
}

export function isStudioError(e: unknown): e is StudioError {
  return e instanceof StudioError;
}

/** Turns anything thrown into a payload; unknown errors become INTERNAL with their text kept. */
export function toErrorPayload(e: unknown): StudioErrorPayload {
  if (e instanceof StudioError) return e.toPayload();
  const text = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: `Something unexpected went wrong: ${text}`,
    fix: 'Try again. If it keeps happening, restart the studio and report the message.',
  };
}

/** A request name the core does not know: the window and the core come from different versions. */
export function unknownMethodError(name: string): StudioError {
  return new StudioError('INVALID_ARGUMENT', `Unknown request "${name}".`, 'Update the studio: its window and core disagree.');
}
