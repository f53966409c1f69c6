/**
 * The trained fruit project the camera specs share: made once through the studio's API (import
 * ../shared/data/fruits, words, training), then only reopened, so the webcam and parity specs pay
 * for one training between them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StudioConnection } from './studio-client';
import { makeFruitProject } from './fruit-deck';
import { e2eDir } from './paths';

export const CAMERA_PROJECT = 'Camera lessons';

export async function cameraFruitProject(studio: StudioConnection): Promise<{ deckId: number; dir: string }> {
  const dir = path.join(e2eDir(), 'projects', `${CAMERA_PROJECT}.magritte`);
  if (fs.existsSync(path.join(dir, 'project.db'))) {
    await studio.api.openProject({ dir });
    const deck = (await studio.api.listDecks()).find((d) => d.name === 'Fruits');
    if (deck && (await studio.api.listModelVersions({ deckId: deck.id })).length > 0) return { deckId: deck.id, dir };
  }
  const { deckId, project } = await makeFruitProject(studio, { name: CAMERA_PROJECT, export: false });
  return { deckId, dir: project.dir };
}

/** The browser host of playwright.config.ts, over its WebSocket. */
export function hostSocketUrl(): string {
  return `ws://127.0.0.1:${process.env.MAGRITTE_E2E_PORT}/ws`;
}
