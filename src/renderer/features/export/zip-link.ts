/**
 * Where the browser host serves an export's zip (src/web/export-zips.ts): `/exports/<folder>/<zip>`,
 * for zips inside the open project's exports folder only. Null for anything else (an export written
 * to a folder of the teacher's choosing with the CLI, say): the screen then shows just the path.
 */
export function zipDownloadUrl(zipPath: string, exportsDir: string): string | null {
  // The core may run on Windows: compare path parts, whichever separator they use.
  const parts = (p: string) => p.split(/[\\/]+/).filter((s) => s.length > 0);
  const root = parts(exportsDir);
  const zip = parts(zipPath);
  if (zip.length !== root.length + 2 || root.some((part, i) => zip[i] !== part)) return null;
  const [folder, name] = zip.slice(root.length);
  if (folder.startsWith('.') || !name.toLowerCase().endsWith('.zip')) return null;
  return `/exports/${encodeURIComponent(folder)}/${encodeURIComponent(name)}`;
}
