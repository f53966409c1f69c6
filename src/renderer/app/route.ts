import { useCallback, useEffect, useState } from 'react';

/** Where the teacher is inside an open project; kept in the URL hash so a reload lands in the same place. */
export interface Route {
  deckId: number | null;
  tab: string | null;
}

export function parseRoute(hash: string): Route {
  const m = /^#\/deck\/(\d+)(?:\/([a-z-]+))?/.exec(hash);
  return m ? { deckId: Number(m[1]), tab: m[2] ?? null } : { deckId: null, tab: null };
}

export function routeHash(route: Route): string {
  if (route.deckId === null) return '#/';
  return `#/deck/${route.deckId}${route.tab ? `/${route.tab}` : ''}`;
}

/** A word to open on the Photos tab, with the language whose word to write: `#/deck/3/photos?word=12&lang=fr`. */
export interface WordFocus {
  classId: number;
  language: string | null;
}

export function wordFocusHash(deckId: number, focus: WordFocus): string {
  const lang = focus.language ? `&lang=${encodeURIComponent(focus.language)}` : '';
  return `${routeHash({ deckId, tab: 'photos' })}?word=${focus.classId}${lang}`;
}

/** The word a link asked the Photos tab to show, or null. */
export function parseWordFocus(hash: string): WordFocus | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const params = new URLSearchParams(hash.slice(q + 1));
  const classId = Number(params.get('word'));
  return Number.isInteger(classId) && classId > 0 ? { classId, language: params.get('lang') } : null;
}

export function useRoute(): [Route, (next: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}
