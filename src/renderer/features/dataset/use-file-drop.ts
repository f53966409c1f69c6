import { useState, type DragEvent } from 'react';
import { dragHasFiles, filesFromDrop } from './drop-files';
import type { FoundFile } from './relative-paths';

export interface FileDrop {
  /** True while files from the operating system are dragged over the zone. */
  over: boolean;
  /** Spread onto the drop zone's element. */
  dropProps: {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
}

/**
 * A drop zone for files and folders from the operating system (photos dragged inside the grid are
 * left to other handlers). `onFiles` gets every dropped file with its path inside the drop.
 */
export function useFileDrop(onFiles: (found: FoundFile<File>[]) => void): FileDrop {
  const [over, setOver] = useState(false);
  return {
    over,
    dropProps: {
      onDragOver: (e) => {
        if (!dragHasFiles(e.dataTransfer)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      // Moving onto a child element also fires dragleave: only leaving the zone itself counts.
      onDragLeave: (e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOver(false),
      onDrop: (e) => {
        setOver(false);
        if (!dragHasFiles(e.dataTransfer)) return;
        e.preventDefault();
        void filesFromDrop(e.dataTransfer).then(onFiles);
      },
    },
  };
}
