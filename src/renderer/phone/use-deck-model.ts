import { useEffect, useState } from 'react';
import type { ModelStatus, PhonePageModel } from '../../shared/api/deploy';
import { StudioError, type StudioErrorPayload } from '../../shared/errors';
import { LiveClassifier } from '../ml';
import { keepForOffline, registerOffline, usedUrls, weightUrls } from './offline';

export type DeckModelState =
  { status: 'loading' } | { status: 'ready'; classifier: LiveClassifier } | { status: 'error'; message: string; fix: string };

export type OfflineState = 'saving' | 'saved' | 'unavailable';

/** The deck number in /phone/<deck>. */
export function deckIdFromPath(pathname: string): number | null {
  const m = /^\/phone\/(\d+)$/.exec(pathname);
  return m ? Number(m[1]) : null;
}

async function fetchLiveModel(url: string): Promise<PhonePageModel> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new StudioError(
      'MODEL_OFFLINE',
      'The phone cannot reach the studio, and this deck was not saved on it yet.',
      'Plug the phone back in, keep the studio open, then reload the page.',
    );
  }
  const body = (await res.json().catch(() => null)) as PhonePageModel | { error: StudioErrorPayload } | null;
  if (!body) throw new StudioError('BAD_REQUEST', 'The studio sent something this page cannot read.', 'Reload the page.');
  // The studio's own words are for its window ("Refresh the list of decks"). The worker answers
  // with the deck the phone keeps unless its own project says it was deleted (deck-gone.ts: worker
  // code, so not imported here); without a kept copy another project may be open.
  if ('error' in body && body.error.code === 'DECK_NOT_FOUND') {
    throw new StudioError(
      'DECK_NOT_FOUND',
      'This deck is not in the project open in the studio: it was deleted there, or another project is open.',
      'Open the deck’s project in the studio, or choose the deck you need in its Phones tab and press “Open on this phone”.',
    );
  }
  if ('error' in body) throw new StudioError(body.error.code, body.error.message, body.error.fix);
  return body;
}

/** Loads the deck's model (from the studio, or the copy kept on the phone) and keeps it for offline use. */
export function useDeckModel(deckId: number | null): { model: DeckModelState; offline: OfflineState; version: ModelStatus | null } {
  const [model, setModel] = useState<DeckModelState>({ status: 'loading' });
  const [version, setVersion] = useState<ModelStatus | null>(null);
  const [offline, setOffline] = useState<OfflineState>('saving');

  useEffect(() => {
    if (deckId === null) {
      setModel({ status: 'error', message: 'This address does not name a deck.', fix: 'Open the deck from the studio with “Open on this phone”.' });
      return;
    }
    let classifier: LiveClassifier | null = null;
    let cancelled = false;
    const liveUrl = `/phone/${deckId}/live-model.json`;
    const registered = registerOffline();
    (async () => {
      const live = await fetchLiveModel(liveUrl);
      setVersion(live.modelStatus ?? null);
      classifier = await LiveClassifier.load(live);
      if (cancelled) return classifier.dispose();
      setModel({ status: 'ready', classifier });
      // Everything is loaded now: ask the worker to keep it all for when the cable is out.
      if (!(await registered)) return setOffline('unavailable');
      const kept = await keepForOffline(usedUrls([liveUrl, live.baseModelUrl, ...(await weightUrls(live.baseModelUrl))]));
      if (!cancelled) setOffline(kept && kept.failed === 0 ? 'saved' : 'unavailable');
    })().catch((e: unknown) => {
      if (cancelled) return;
      const known = e as { message?: unknown; fix?: unknown };
      if (typeof known?.message === 'string' && typeof known.fix === 'string') setModel({ status: 'error', message: known.message, fix: known.fix });
      else
        setModel({
          status: 'error',
          message: 'The deck’s model could not start on this phone.',
          fix: 'Reload the page. If it keeps happening, retrain the deck in the studio.',
        });
    });
    return () => {
      cancelled = true;
      classifier?.dispose();
    };
  }, [deckId]);
  return { model, offline, version };
}
