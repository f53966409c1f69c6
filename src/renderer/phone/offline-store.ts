/**
 * What the phone keeps for offline use, in the Cache API: the files themselves (FILES), and for
 * each deck page the list of files it needs (LISTS). A file is kept under its URL, and every URL
 * the page uses names its content: the build's assets carry a hash, the base model's files its id;
 * only the page itself and the deck's live model keep their address when they change, and the
 * worker fetches those fresh whenever the studio answers. So a file already kept is never fetched
 * again, and a file no list names any more (an older build's scripts, the base model a retrained
 * deck left) is deleted: a phone's storage is small.
 *
 * Used only by the service worker (phone-sw.ts), which Vite builds as one file.
 */
import { judgeLiveModelResponse } from './deck-gone';

/** The name the first worker used: files it kept stay valid, so a phone keeps them on upgrade. */
export const FILES = 'magritte-phone-v1';
export const LISTS = 'magritte-phone-lists';

const DECK_PAGE = /^\/phone\/\d+$/;
const LIVE_MODEL = /^\/phone\/\d+\/live-model\.json$/;

/** The page and its live model: same address, new content after a retraining (fresh while online). */
export function isFreshFirst(url: URL, navigate = false): boolean {
  return navigate || DECK_PAGE.test(url.pathname) || LIVE_MODEL.test(url.pathname);
}

/** The deck page a live model belongs to (`…/phone/3` for `…/phone/3/live-model.json`), or null. */
export function pageOfLiveModel(url: URL): string | null {
  return LIVE_MODEL.test(url.pathname) ? new URL(url.pathname.replace(/\/live-model\.json$/, ''), url.origin).toString() : null;
}

/** The live model of a deck page (its URL without the hash), or null when `page` is no deck page. */
export function liveModelOfPage(page: string): string | null {
  const url = new URL(page);
  return DECK_PAGE.test(url.pathname) ? new URL(`${url.pathname}/live-model.json`, url.origin).toString() : null;
}

/** Drops a deck page's list: the next sweep deletes every file no other deck page lists. */
export async function forgetPage(page: string): Promise<boolean> {
  return (await caches.open(LISTS)).delete(page);
}

/**
 * Asks the studio about every deck page kept besides `except` and drops the lists of those their own
 * project says no longer exist (deck-gone.ts); returns the pages dropped. A deck the phone holds but
 * nobody opens again (deleted in the studio, say) is found this way whenever another deck of that
 * project is opened with the studio in reach.
 * The check is a conditional request: a deck that did not change answers 304, with no body.
 */
export async function forgetDeletedDecks(except: string): Promise<string[]> {
  const [files, lists] = await Promise.all([caches.open(FILES), caches.open(LISTS)]);
  const dropped: string[] = [];
  for (const key of await lists.keys()) {
    const live = key.url === except ? null : liveModelOfPage(key.url);
    if (!live) continue;
    const kept = await files.match(live, { ignoreVary: true });
    const etag = kept?.headers.get('ETag');
    const response = await fetch(live, { cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {} }).catch(() => null);
    if (response && (await judgeLiveModelResponse(response, kept)) === 'gone' && (await lists.delete(key))) dropped.push(key.url);
    await response?.body?.cancel().catch(() => undefined);
  }
  return dropped;
}

export interface KeepRequest {
  /** The deck page asking (its URL without the hash): its list is replaced by `urls`. */
  page: string;
  urls: string[];
  /** When the page started loading (epoch ms): fresh-first files confirmed since need no check. */
  since: number;
}

export interface KeepResult {
  kept: number;
  failed: number;
  /** Files that had to come from the studio (missing, or a fresh-first file not confirmed yet). */
  fetched: number;
}

/**
 * Keeps every URL of `req`: a file already kept is left alone, unless it is fresh-first and was not
 * confirmed by the network since the page started loading (`confirmedAt`); a missing one is fetched.
 * Offline, a copy kept earlier still counts.
 */
export async function keepFiles(req: KeepRequest, confirmedAt: (url: string) => number): Promise<KeepResult> {
  const [files, lists] = await Promise.all([caches.open(FILES), caches.open(LISTS)]);
  // The list first: a sweep running meanwhile (another tab) then spares these files.
  await lists.put(req.page, new Response(JSON.stringify(req.urls), { headers: { 'Content-Type': 'application/json' } }));
  let fetched = 0;
  const results = await Promise.allSettled(
    req.urls.map(async (u) => {
      const fresh = isFreshFirst(new URL(u));
      const kept = await files.match(u, { ignoreVary: true });
      if (kept && (!fresh || confirmedAt(u) >= req.since)) return;
      try {
        // Hashed and id-named files may come from the browser's own cache (the page just loaded
        // them): only the fresh-first ones must ask the studio.
        const response = await fetch(u, fresh ? { cache: 'no-cache' } : {});
        if (!response.ok) throw new Error(`${u}: ${response.status}`);
        await files.put(u, response);
        fetched++;
      } catch (err) {
        if (!kept) throw err;
      }
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected').length;
  return { kept: req.urls.length - failed, failed, fetched };
}

/** Deletes every kept file that no page's list names (what newer builds and versions replaced). */
export async function sweepFiles(): Promise<number> {
  const [files, lists] = await Promise.all([caches.open(FILES), caches.open(LISTS)]);
  const needed = new Set<string>();
  for (const key of await lists.keys()) {
    const list = (await (await lists.match(key))?.json().catch(() => null)) as unknown;
    if (Array.isArray(list)) for (const u of list) if (typeof u === 'string') needed.add(u);
  }
  let deleted = 0;
  for (const key of await files.keys()) {
    if (!needed.has(key.url) && (await files.delete(key))) deleted++;
  }
  return deleted;
}

/**
 * The first worker kept files without lists: each deck page it kept gets a list of everything kept
 * then, so no deck stops working offline before it is opened again (which writes its exact list).
 */
export async function listEarlierFiles(): Promise<void> {
  const lists = await caches.open(LISTS);
  if ((await lists.keys()).length > 0) return;
  const urls = (await (await caches.open(FILES)).keys()).map((r) => r.url);
  const body = JSON.stringify(urls);
  for (const u of urls) if (DECK_PAGE.test(new URL(u).pathname)) await lists.put(u, new Response(body));
}
