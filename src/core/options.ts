import os from 'node:os';
import path from 'node:path';

export interface StudioCoreOptions {
  /** Folder for settings, the recent-projects list and the base-model cache. */
  dataDir?: string;
  /** Where new projects are created unless a folder is given. */
  projectsDir?: string;
  /** Extra folders holding base models; defaults to MAGRITTE_MODELS_PATH (path-list separated). */
  modelsPath?: string[];
  /** Overrides where base models are downloaded from (tests point it at a local server). */
  modelBaseUrl?: string;
  /** The adb program given on the command line (`--adb PATH`, absolute); checked before first use. */
  adbPath?: string;
  /**
   * Get decks ready for training in the background after photos arrive (default: on, unless
   * MAGRITTE_PREPARE_FEATURES=0). The CLI, benchmarks and tests that time or count feature work turn it off.
   */
  prepareFeatures?: boolean;
}

export interface ResolvedOptions {
  dataDir: string;
  projectsDir: string;
  modelsPath: string[];
  modelCacheDir: string;
  modelBaseUrl?: string;
  adbPath?: string;
  prepareFeatures: boolean;
}

/** Fills defaults from the environment: MAGRITTE_DATA_DIR, MAGRITTE_PROJECTS_DIR, MAGRITTE_MODELS_PATH. */
export function resolveOptions(options: StudioCoreOptions = {}): ResolvedOptions {
  const dataDir = options.dataDir ?? process.env.MAGRITTE_DATA_DIR ?? path.join(os.homedir(), '.config', 'magritte-studio');
  const projectsDir = options.projectsDir ?? process.env.MAGRITTE_PROJECTS_DIR ?? path.join(os.homedir(), 'Magritte Studio');
  const modelsPath = options.modelsPath ?? (process.env.MAGRITTE_MODELS_PATH ?? '').split(path.delimiter).filter((p) => p.length > 0);
  return {
    dataDir,
    projectsDir,
    modelsPath: modelsPath.map((p) => path.resolve(p)),
    modelCacheDir: path.join(dataDir, 'models'),
    modelBaseUrl: options.modelBaseUrl ?? process.env.MAGRITTE_MODEL_BASE_URL,
    adbPath: options.adbPath,
    prepareFeatures: options.prepareFeatures ?? process.env.MAGRITTE_PREPARE_FEATURES !== '0',
  };
}
