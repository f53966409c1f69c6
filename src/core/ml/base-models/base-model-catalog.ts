import fs from 'node:fs';
import path from 'node:path';
import builtinManifest from '../../../../models/base-models.json';
import type { BaseModelManifestEntry } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';

/** The base model used when a deck or run names none. */
export const DEFAULT_BASE_MODEL_ID = 'mobilenet_v1_0.25_224';

/** File an imported base model's manifest entry is kept in, inside its cache folder. */
export const IMPORTED_ENTRY_FILE = 'magritte-base-model.json';

export const BUILTIN_BASE_MODELS: readonly BaseModelManifestEntry[] = builtinManifest as BaseModelManifestEntry[];

/** Entries of base models imported from folders, read from the model cache. */
export function importedBaseModels(modelCacheDir: string): BaseModelManifestEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(modelCacheDir);
  } catch {
    return [];
  }
  const entries: BaseModelManifestEntry[] = [];
  for (const name of names) {
    try {
      const text = fs.readFileSync(path.join(modelCacheDir, name, IMPORTED_ENTRY_FILE), 'utf8');
      const entry = JSON.parse(text) as BaseModelManifestEntry;
      if (entry.id === name) entries.push(entry);
    } catch {
      // Not an imported model (a downloaded one, or a stray folder).
    }
  }
  return entries;
}

export function findBaseModelEntry(id: string, modelCacheDir: string): { entry: BaseModelManifestEntry; imported: boolean } | null {
  const builtin = BUILTIN_BASE_MODELS.find((e) => e.id === id);
  if (builtin) return { entry: builtin, imported: false };
  const imported = importedBaseModels(modelCacheDir).find((e) => e.id === id);
  return imported ? { entry: imported, imported: true } : null;
}

export function requireBaseModelEntry(id: string, modelCacheDir: string): BaseModelManifestEntry {
  const found = findBaseModelEntry(id, modelCacheDir);
  if (!found) {
    throw new StudioError(
      'MODEL_NOT_FOUND',
      `The studio does not know a base model called "${id}".`,
      `Choose one of: ${[...BUILTIN_BASE_MODELS, ...importedBaseModels(modelCacheDir)].map((e) => e.id).join(', ')}; or import it from a folder first.`,
    );
  }
  return found.entry;
}
