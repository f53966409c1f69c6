import type { TrainingSettings } from '../../../shared/api/training';
import type { Db } from '../../store/open-database';
import { DEFAULT_BASE_MODEL_ID } from '../base-models/base-model-catalog';

/**
 * What a deck trains with next: its base model (deck's own, else the project's, else the default)
 * and the settings an expert changed (only those; the rest follow the defaults).
 */
export function readDeckConfig(db: Db, deckId: number): { baseModelId: string; settings: Partial<TrainingSettings> } {
  const deck = db.prepare('SELECT base_model_id, settings_json FROM deck_training WHERE deck_id = ?').get(deckId) as
    { base_model_id: string | null; settings_json: string | null } | undefined;
  return {
    baseModelId: deck?.base_model_id ?? readProjectBaseModel(db),
    settings: deck?.settings_json ? (JSON.parse(deck.settings_json) as Partial<TrainingSettings>) : {},
  };
}

/** The project's base model for new decks: the one chosen for the project, else the default. */
export function readProjectBaseModel(db: Db): string {
  const row = db.prepare('SELECT base_model_id FROM project_training WHERE id = 1').get() as { base_model_id: string } | undefined;
  return row?.base_model_id ?? DEFAULT_BASE_MODEL_ID;
}

export function writeDeckConfig(db: Db, deckId: number, change: { baseModelId?: string; settings?: Partial<TrainingSettings> }): void {
  const current = db.prepare('SELECT base_model_id, settings_json FROM deck_training WHERE deck_id = ?').get(deckId) as
    { base_model_id: string | null; settings_json: string | null } | undefined;
  const base = change.baseModelId ?? current?.base_model_id ?? null;
  const settings = change.settings !== undefined ? JSON.stringify(change.settings) : (current?.settings_json ?? null);
  db.prepare(
    `INSERT INTO deck_training (deck_id, base_model_id, settings_json) VALUES (?, ?, ?)
     ON CONFLICT (deck_id) DO UPDATE SET base_model_id = excluded.base_model_id, settings_json = excluded.settings_json`,
  ).run(deckId, base, settings);
}

export function writeProjectBaseModel(db: Db, baseModelId: string): void {
  db.prepare(
    `INSERT INTO project_training (id, base_model_id) VALUES (1, ?)
     ON CONFLICT (id) DO UPDATE SET base_model_id = excluded.base_model_id`,
  ).run(baseModelId);
}
