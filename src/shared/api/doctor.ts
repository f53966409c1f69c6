import { z } from 'zod';
import { id, request, token } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

/** What the deck doctor looks for; the CLI prints these names. */
export const FINDING_KINDS = ['duplicate', 'near-duplicate', 'blurry', 'dark', 'bright', 'tiny', 'outlier', 'mislabel', 'imbalance'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface FindingPhoto {
  id: number;
  sha256: string;
  /** The file name it was imported from. */
  file: string;
  classId: number;
  classKey: string;
}

/** One problem the doctor found, with the photos it is about. */
export interface Finding {
  /** Stable across runs for the same kind and the same photos (by content): "keep" remembers it. */
  key: string;
  kind: FindingKind;
  photos: FindingPhoto[];
  /** 0 to 1: how sure or how bad. Findings are listed worst first. */
  score: number;
  /** The word a likely mislabelled photo seems to belong to. */
  suggestedClassKey?: string;
  suggestedClassId?: number;
  /** For duplicates: the same picture sits under more than one word (the worst kind). */
  acrossWords?: boolean;
  /** For imbalance: the word concerned and its photo count. */
  classKey?: string;
  classId?: number;
  count?: number;
}

export interface DoctorReport {
  deckId: number;
  createdAt: string;
  photoCount: number;
  /** Findings still to look at, worst first (kept ones left out). */
  findings: Finding[];
  /** How many findings the teacher chose to keep. */
  kept: number;
  /** Photos whose features were not cached (and not computed): similarity checks skipped them. */
  withoutFeatures: number;
  /** Seconds the check took. */
  seconds: number;
  /** The deck's photos and words when checked (compared with the deck now to say `stale`). */
  fingerprint: string;
  /** Photos were added, moved or deleted since this check: its findings may be out of date. */
  stale: boolean;
}

/** Deck doctor: checks a deck for photos that would spoil a model. */
export interface DoctorApi {
  /**
   * Starts a check; the job's result is a DoctorReport (also kept: `getDoctorReport`).
   * `computeFeatures` (default true) computes missing features first; false uses only cached ones.
   * While a check of the deck runs, asking again returns that job (unless it skips features and
   * this one asks for them: then it is cancelled and the new one starts once it has stopped).
   * Checks also start by themselves after an import and when a training starts.
   */
  startDoctor: { req: { deckId: number; computeFeatures?: boolean }; res: { jobId: string } };
  /** The last check of the deck, with kept findings left out; null before the first. */
  getDoctorReport: { req: { deckId: number }; res: DoctorReport | null };
  /** "Keep and stop flagging": the finding no longer shows, in this and later checks. */
  keepFinding: { req: { deckId: number; key: string }; res: DoctorReport | null };
  /** Undoes `keepFinding`. */
  unkeepFinding: { req: { deckId: number; key: string }; res: DoctorReport | null };
}

export interface DoctorEvents {
  /** A check of the deck started (by a screen, the CLI, after an import or a training start): screens show its progress. */
  'doctor.started': { deckId: number; jobId: string; computeFeatures: boolean };
  /** A check of the deck finished, or a finding was kept or brought back: badges refresh. */
  'doctor.changed': { deckId: number; count: number };
}

export const doctorMethods = requestSchemas<DoctorApi>()({
  startDoctor: request({ deckId: id(), computeFeatures: z.boolean().optional() }),
  getDoctorReport: request({ deckId: id() }),
  keepFinding: request({ deckId: id(), key: token() }),
  unkeepFinding: request({ deckId: id(), key: token() }),
});
