import type { ComponentType, ReactElement } from 'react';
import type { Deck, ProjectInfo } from '../../shared/domain';

/** What every deck tab is given. */
export interface DeckTabProps {
  project: ProjectInfo;
  deck: Deck;
  /** Ask for the deck's counts again (after adding or removing photos, say). */
  refreshDeck(): void;
}

/** One tab of the deck view (Photos, Train, Test, Export, Phones). */
export interface DeckTab {
  /** In the URL: #/deck/<id>/<id of tab>. Lowercase letters and dashes. */
  id: string;
  label: string;
  icon: ReactElement;
  component: ComponentType<DeckTabProps>;
  /** Draws the tab's label with a count beside it (mounted while the deck is open). */
  badge?: ComponentType<{ deck: Deck; label: string }>;
}
