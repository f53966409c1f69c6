import type { FindingKind, FindingPhoto } from '../../shared/api/doctor';
import type { ImageStats } from './image-stats';

/** A photo as the checks see it: its row, its word, and its pixel size as stored. */
export interface CheckPhoto extends FindingPhoto {
  width: number;
  height: number;
}

/** What every check reads. Index i of `photos` is the photo everywhere (pairs, neighbours). */
export interface CheckInput {
  classes: readonly { id: number; key: string }[];
  photos: readonly CheckPhoto[];
  /** By sha256; photos whose thumbnail could not be read are absent. */
  stats: ReadonlyMap<string, ImageStats>;
  /** Unit-length feature vectors by sha256; photos without cached features are absent. */
  features: ReadonlyMap<string, Float32Array>;
  /** What earlier checks of this deck worked out (kept by the caller): a re-check computes only what changed. */
  memory?: DoctorMemory;
  /** Called between chunks of work so a cancelled job stops quickly. */
  throwIfCancelled(): void;
}

/** Crop verdicts by "<outer sha256>><inner sha256>": a pair's pictures never change. */
export type CropVerdicts = Map<string, boolean>;

/** Every photo's nearest photos at the last check, by content: indexes into `shas`, best first. */
export interface NeighbourMemory {
  shas: string[];
  dim: number;
  ids: Int32Array[];
  sims: Float32Array[];
}

/** Kept between checks of one deck with one base model; filled in by each check. */
export interface DoctorMemory {
  cropVerdicts: CropVerdicts;
  neighbours: NeighbourMemory | null;
  /** Each word's nearest photos of the same word, by word id. */
  ownWord: Map<number, NeighbourMemory>;
}

/** A finding before it gets its key and photo details: indexes into CheckInput.photos. */
export interface RawFinding {
  kind: FindingKind;
  members: number[];
  score: number;
  suggestedClassIndex?: number;
  acrossWords?: boolean;
  classIndex?: number;
  count?: number;
}
