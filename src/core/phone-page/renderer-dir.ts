/**
 * Where the built phone page is (out/renderer, which holds phone/phone.html): MAGRITTE_RENDERER_DIR
 * when set, else next to this code in each way the core runs: from source (tsx, vitest: src/core/phone
 * -> out/renderer) or bundled into out/main (Electron: out/main -> out/renderer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PHONE_HTML = path.join('phone', 'phone.html');

export function rendererDirCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = [path.resolve(here, '../../../out/renderer'), path.resolve(here, '../renderer')];
  return env.MAGRITTE_RENDERER_DIR ? [path.resolve(env.MAGRITTE_RENDERER_DIR), ...out] : out;
}

/** The first candidate holding the built phone page, or null when the renderer was not built. */
export function findRendererDir(candidates: string[] = rendererDirCandidates()): string | null {
  return candidates.find((dir) => fs.existsSync(path.join(dir, PHONE_HTML))) ?? null;
}
