import type { DeckTab } from './deck-tab';
import { photosTab } from '../features/dataset/photos-tab';
import { trainTab } from '../features/train/train-tab';
import { phonesTab } from '../features/phones/phones-tab';
import { testTab } from '../features/test/test-tab';
import { exportTab } from '../features/export/export-tab';
import { doctorTab } from '../features/doctor/doctor-tab';

/**
 * The tabs of a deck, in order. To add a screen, export a `DeckTab` from
 * src/renderer/features/<area>/<area>-tab.tsx and list it here: one line (plus its import).
 */
export const DECK_TABS: DeckTab[] = [photosTab, doctorTab, trainTab, testTab, exportTab, phonesTab];
