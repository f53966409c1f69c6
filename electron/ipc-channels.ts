/** IPC channel names shared by the main process and the preload (both bundle this file). */
export const IPC_CHANNELS = {
  /** invoke: a `call` envelope in, the `reply`/`error` envelope out. */
  call: 'studio:call',
  /** main -> renderer: one `event` envelope. */
  event: 'studio:event',
  /** invoke: opens the native folder picker; resolves with a path or null. */
  pickDirectory: 'studio:pick-directory',
  /**
   * invoke with 'choose' (the native file dialog, in the main process) or 'automatic' (forget the
   * choice); resolves with an AdbChoice. The page never passes a path.
   */
  adbProgram: 'studio:adb-program',
} as const;
