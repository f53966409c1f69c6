import type { Envelope } from '../../shared/envelope';
import type { ImportSource } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import type { StudioBridge } from './bridge';
import type { PickedFile, StageProgress, Transport } from './transport';

/** Electron: envelopes go through the preload bridge; photos come from the `app://media/` protocol. */
export function createIpcTransport(bridge: StudioBridge): Transport {
  return {
    mode: 'electron',
    send: (call: Envelope) => bridge.call(call),
    onEvent: (listener) =>
      bridge.on((env) => {
        if (env.kind === 'event') listener(env);
      }),
    mediaUrl: (kind, sha) => (kind === 'thumb' ? `app://media/thumbs/${sha}.webp` : `app://media/blobs/${sha}`),
    // Files on disk already: the core reads them where they are, no copying.
    stageFiles: async (files: PickedFile[], onProgress?: StageProgress, _signal?: AbortSignal): Promise<ImportSource[]> => {
      const sources = files.map(({ file, relativePath }) => ({ path: bridge.pathForFile(file), relativePath }));
      onProgress?.(files.length, files.length);
      const onDisk = sources.filter((s) => s.path.length > 0);
      // Files with no path were made by a web page (e.g. dragged from a browser), not read from disk.
      if (onDisk.length === 0 && files.length > 0) {
        throw new StudioError(
          'FILE_NOT_FOUND',
          'These pictures are not files on this computer.',
          'Save them to a folder first, then drag them in from there.',
        );
      }
      return onDisk;
    },
    pickDirectory: bridge.pickDirectory ? () => bridge.pickDirectory!() : undefined,
    adbProgram: bridge.adbProgram ? (action) => bridge.adbProgram!(action) : undefined,
  };
}
