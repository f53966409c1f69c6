/**
 * Decides what `relativePath` each dropped or picked file carries to the core, whose rule is: the
 * first folder of a relative path names the class. Pure, so it is tested without a browser.
 */

export interface FoundFile<F> {
  file: F;
  /** Path inside what was dropped, with "/" separators: "fruits/Apple/1.jpg", "Apple/1.jpg", "1.jpg". */
  path: string;
}

/** Files an operating system leaves in folders that are never photos. */
const JUNK = /^(\.|thumbs\.db$|desktop\.ini$|__macosx$)/i;

export function isJunk(path: string): boolean {
  return parts(path).some((part) => JUNK.test(part));
}

function parts(path: string): string[] {
  return path.split('/').filter((p) => p.length > 0 && p !== '.' && p !== '..');
}

/**
 * Dropped onto a class: every file goes to that class, so only its name is kept.
 * Dropped onto the deck: a folder of photos names its class ("Apple/1.jpg"); a folder that only holds
 * class folders ("fruits/Apple/1.jpg") is unwrapped so its subfolders name the classes.
 */
export function toRelativePaths<F>(found: FoundFile<F>[], target: 'deck' | 'class'): { file: F; relativePath: string }[] {
  const kept = found.filter((f) => !isJunk(f.path) && parts(f.path).length > 0);
  if (target === 'class') {
    return kept.map((f) => ({ file: f.file, relativePath: parts(f.path).at(-1)! }));
  }
  // A top-level folder is a container when none of its photos sit directly in it.
  const hasDirectFiles = new Set<string>();
  for (const f of kept) {
    const p = parts(f.path);
    if (p.length === 2) hasDirectFiles.add(p[0]);
  }
  return kept.map((f) => {
    const p = parts(f.path);
    const unwrap = p.length >= 3 && !hasDirectFiles.has(p[0]);
    return { file: f.file, relativePath: (unwrap ? p.slice(1) : p).join('/') };
  });
}

/** Files with no folder in their relative path: the teacher must say which class they belong to. */
export function needsClass(relativePath: string): boolean {
  return !relativePath.includes('/');
}
