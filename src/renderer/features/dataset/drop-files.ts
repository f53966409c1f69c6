import type { FoundFile } from './relative-paths';

/** True when a drag carries files from the operating system (not photos dragged inside the grid). */
export function dragHasFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes('Files');
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in batches (about 100 at a time) until it returns an empty one.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: FoundFile<File>[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), path });
  } else if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await walk(child, path, out);
  }
}

/**
 * Every file in a drop, walking dropped folders. Entries must be taken synchronously inside the drop
 * handler (the DataTransfer empties afterwards), so call this before any `await`.
 */
export function filesFromDrop(dt: DataTransfer): Promise<FoundFile<File>[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      // Drops built by scripts (and some platforms) have no entries: take the plain file.
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0 && loose.length === 0) loose.push(...Array.from(dt.files));
  return (async () => {
    const out: FoundFile<File>[] = loose.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
    for (const entry of entries) await walk(entry, '', out);
    return out;
  })();
}

/** Files from an <input type="file">, with folder paths when it was a folder picker. */
export function filesFromInput(list: FileList | null): FoundFile<File>[] {
  return Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
