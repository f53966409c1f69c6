/** IPC channel names shared by the main process and the preload (both bundle this file). */
export const IPC_CHANNELS = {
  /** invoke: a `call` envelope in, the `reply`/`error` envelope out. */
  call: 'studio:call',
  /** main -> renderer: one `event` envelope. */
  event: 'studio:event',
  /** invoke: opens the native folder picker; resolves with a path or null. */
  pickDirectory: 'studio:pick-directory',
} as const;
