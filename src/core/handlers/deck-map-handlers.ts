import type { DeckMapApi } from '../../shared/api/deck-map';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';
import { DeckMaps } from '../deck-map/deck-maps';
import { DEFAULT_SIMILAR, findSimilarPhotos } from '../deck-map/similar-photos';
import { getHead, resolveVersionId } from '../ml/versions/model-versions-repo';
import { getDeck } from '../store/decks-repo';

export function createDeckMapHandlers(ctx: CoreContext): Pick<Handlers, keyof DeckMapApi> {
  const maps = new DeckMaps(ctx);
  return {
    openDeckMap: async ({ deckId }) => maps.open(deckId),

    findSimilarPhotos: async ({ deckId, versionId, query, classKeys, count }) => {
      const db = ctx.session.require().db;
      getDeck(db, deckId);
      // The model's base network says which cached features the query is compared with.
      const { head } = getHead(db, resolveVersionId(db, deckId, versionId));
      return findSimilarPhotos(db, { deckId, head, query, classKeys, count: count ?? DEFAULT_SIMILAR });
    },
  };
}
