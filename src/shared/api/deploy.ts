/**
 * Keeping phones up to date: which model version a deck uses, which one its latest export and each
 * phone hold, what changed in the deck since (photos added, removed or moved; words changed), and
 * "Update phones": train if the photos changed, export if the export is behind, then send.
 *
 * The core records a deck revision (its classes, words and photos) with every model version and
 * every export (src/core/revision); `getDeckStatus` compares them with the deck as it is now.
 * `startUpdatePhones` is a job of kind 'update-phones' whose result is an UpdatePhonesResult; each
 * step's state arrives as `update.steps` events (and the training, export and push run as their
 * own jobs, so the Train tab shows the curves of a training started here).
 */
import { z } from 'zod';
import { LIMITS, id, request, token } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';
import type { PushResult } from './devices';
import type { LiveModel } from './training';

/** What changed in a deck between two of its revisions. */
export interface DeckChanges {
  photosAdded: number;
  photosRemoved: number;
  /** Photos now in another word than before. */
  photosMoved: number;
  /** Class keys (words) added to or removed from the deck. */
  classesAdded: string[];
  classesRemoved: string[];
  /** Keys of classes whose written words (in any language) changed. */
  wordsChanged: string[];
  /** Keys of words made the deck's "Nothing I know" since, and of words made normal words again. */
  backgroundMarked: string[];
  backgroundUnmarked: string[];
}

/** The model version the deck uses now (its newest). */
export interface ModelStatus {
  versionId: number;
  number: number;
  createdAt: string;
  /**
   * What changed since it was trained; null when unknown (trained before the studio kept track).
   * Only photos and classes make it stale; words go with the export.
   */
  changes: DeckChanges | null;
  /** False when photos or classes changed since (or it is unknown): train again. */
  upToDate: boolean;
}

/** What the phone page gets from the phone server: the live model, with its version's status. */
export interface PhonePageModel extends LiveModel {
  modelStatus: ModelStatus | null;
}

export interface ExportStatus {
  exportId: number;
  createdAt: string;
  folder: string;
  versionId: number;
  versionNumber: number;
  /** The deck has a newer model version than the exported one. */
  newerVersion: boolean;
  /** Photo changes since the exported version was trained; word changes since the export. */
  changes: DeckChanges | null;
  upToDate: boolean;
}

/** What a phone last received of this deck (successful sends only). */
export interface PhoneDeckStatus {
  serial: string;
  model: string | null;
  sentAt: string;
  /** Version it holds; null when the export it got is no longer recorded. */
  versionNumber: number | null;
  /** It holds the deck's latest export and that export is up to date. */
  upToDate: boolean;
}

export interface DeckStatus {
  deckId: number;
  deckName: string;
  model: ModelStatus | null;
  /** The deck's latest export still on disk; null when there is none. */
  export: ExportStatus | null;
  /** Newest first, one entry per phone. */
  phones: PhoneDeckStatus[];
  /** What "Update phones" would do before sending. */
  needs: { train: boolean; export: boolean };
}

export type UpdateStepId = 'train' | 'export' | 'push';
export type UpdateStepState = 'waiting' | 'running' | 'done' | 'skipped' | 'failed';

export interface UpdateStep {
  id: UpdateStepId;
  state: UpdateStepState;
  /** Plain words: "Version 3 trained", "Version 2 is up to date", "Sending: 3 of 8 files". */
  detail: string;
  /** Share done, 0..1, while running; null when it cannot be told. */
  fraction: number | null;
  /** The step's own job's estimate of the time left (its job.progress etaMs), null when unknown. */
  etaMs: number | null;
  /** The step's own job (training, export or push), to follow it elsewhere. */
  jobId: string | null;
}

export interface UpdatePhonesResult {
  deckId: number;
  /** Version number trained by this update, or null when the model was up to date. */
  trained: number | null;
  /** Export made by this update, or null when the latest export was up to date. */
  exportId: number | null;
  push: PushResult;
  steps: UpdateStep[];
}

export interface DeployApi {
  /** Which version the deck, its latest export and each phone hold, and what changed since. */
  getDeckStatus: { req: { deckId: number }; res: DeckStatus };
  /**
   * One click to bring the phones up to date: train if needed, export if needed (with the latest
   * export's formats and languages, else TF.js + TFLite in every language), then send to the
   * chosen phones (every ready phone when `serials` is absent). Refused at once when no phone is
   * ready. Job kind 'update-phones'.
   */
  startUpdatePhones: { req: { deckId: number; serials?: string[] }; res: { jobId: string } };
}

export const deployMethods = requestSchemas<DeployApi>()({
  getDeckStatus: request({ deckId: id() }),
  startUpdatePhones: request({ deckId: id(), serials: z.array(token()).max(LIMITS.fewItems).optional() }),
});

export interface DeployEvents {
  /** The steps of an 'update-phones' job, each time one changes. */
  'update.steps': { jobId: string; deckId: number; steps: UpdateStep[] };
  /** A deck's classes or words changed (created, renamed, words edited or imported). */
  'words.changed': { deckId: number };
}
