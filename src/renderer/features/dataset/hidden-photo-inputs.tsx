import type { RefObject } from 'react';
import { filesFromInput } from './drop-files';
import type { FoundFile } from './relative-paths';

export type PickedFrom = 'files' | 'folder';

interface Props {
  /** The photos picker (several images); a button calls `.click()` on it. */
  filesRef: RefObject<HTMLInputElement | null>;
  /** The folder picker, when the screen offers one. */
  folderRef?: RefObject<HTMLInputElement | null>;
  testIds: { files: string; folder?: string };
  /** What the teacher picked (with paths inside a picked folder), and from which picker. */
  onPicked(found: FoundFile<File>[], from: PickedFrom): void;
}

/**
 * The hidden file inputs behind "Add photos" and "Add a folder": the browser's own pickers. Each
 * is emptied after a pick, so picking the same files again is noticed.
 */
export function HiddenPhotoInputs({ filesRef, folderRef, testIds, onPicked }: Props) {
  const picked = (input: HTMLInputElement, from: PickedFrom) => {
    const found = filesFromInput(input.files);
    input.value = '';
    onPicked(found, from);
  };
  return (
    <>
      <input ref={filesRef} type="file" accept="image/*" multiple hidden data-testid={testIds.files} onChange={(e) => picked(e.target, 'files')} />
      {folderRef ? (
        <input
          ref={folderRef}
          type="file"
          multiple
          hidden
          data-testid={testIds.folder}
          {...{ webkitdirectory: '' }}
          onChange={(e) => picked(e.target, 'folder')}
        />
      ) : null}
    </>
  );
}
