import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/**
 * Drops files from disk onto an element the way a browser does: a DataTransfer holding File objects,
 * built inside the page, sent with dragenter, dragover and drop.
 */
export async function dropFiles(target: Locator, files: string[]): Promise<void> {
  const payload = files.map((f) => ({
    name: path.basename(f),
    type: TYPES[path.extname(f).toLowerCase()] ?? 'application/octet-stream',
    base64: fs.readFileSync(f).toString('base64'),
  }));
  const dataTransfer = await target.page().evaluateHandle((items) => {
    // Runs in the page; the test's own TypeScript has no DOM types, hence the local shape.
    const DataTransferCtor = (globalThis as unknown as { DataTransfer: new () => { items: { add(f: File): void } } }).DataTransfer;
    const dt = new DataTransferCtor();
    for (const item of items) {
      const bin = atob(item.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}
