/**
 * The phone page's service worker: once the page has loaded its deck, it asks this worker to keep
 * every file it used (the page, its scripts, the WebAssembly, the base model, the deck's live model),
 * so the page opens and works with the cable unplugged. While online the page and the deck's model
 * are fetched fresh (a retrained deck shows up on reload); everything else has a content-hashed or
 * id-named address and comes from the cache first. Files already kept are not fetched again, and
 * files no deck page needs any more are deleted (offline-store.ts).
 *
 * Built by Vite as its own entry with a fixed name (out/renderer/phone-sw.js): a service worker's
 * URL must not change between builds.
 */
import {
  FILES,
  forgetDeletedDecks,
  forgetPage,
  isFreshFirst,
  keepFiles,
  listEarlierFiles,
  pageOfLiveModel,
  sweepFiles,
  type KeepRequest,
} from './offline-store';
import { judgeLiveModelResponse } from './deck-gone';

// The DOM typings do not describe a service worker's global scope; these are the parts used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  data: unknown;
  ports: readonly MessagePort[];
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessageEvent) => void): void;
}

const sw = self as unknown as WorkerScope;

/** When the network last gave each fresh-first file (epoch ms), while this worker runs. */
const confirmed = new Map<string, number>();

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(FILES);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      confirmed.set(request.url, Date.now());
    }
    const page = pageOfLiveModel(new URL(request.url));
    if (!page || response.ok) return response;
    const kept = await cache.match(request, { ignoreVary: true });
    const answer = await judgeLiveModelResponse(response, kept);
    // Another project open in the studio, or none: the deck the phone keeps still works.
    if (answer === 'use-kept') return kept!;
    // Its own project says the deck was deleted: its files go before the page says so (other decks keep theirs).
    if (answer === 'gone') {
      await forgetPage(page);
      await sweepFiles();
    }
    return response;
  } catch (e) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw e;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener('activate', (e) => e.waitUntil(listEarlierFiles().then(() => sw.clients.claim())));

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  e.respondWith(isFreshFirst(url, e.request.mode === 'navigate') ? networkFirst(e.request) : cacheFirst(e.request));
});

/** `u` made absolute when it is a URL of this origin, else null (the page's word is not trusted). */
function sameOriginUrl(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u, sw.location.origin);
    return url.origin === sw.location.origin ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * `{ type: 'keep', page, urls, since }` from a deck page: keeps those files (fetching only what is
 * missing or stale), answers `{ kept, failed, fetched }` on the given port, then lets go of the
 * decks the studio says were deleted and deletes the files no deck page needs any more.
 */
sw.addEventListener('message', (e) => {
  const msg = e.data as { type?: string; page?: unknown; urls?: unknown; since?: unknown };
  if (msg?.type !== 'keep' || !Array.isArray(msg.urls) || typeof msg.page !== 'string') return;
  const page = sameOriginUrl(msg.page);
  if (!page) return;
  const req: KeepRequest = {
    page,
    urls: [...new Set(msg.urls.map(sameOriginUrl).filter((u): u is string => u !== null))],
    since: typeof msg.since === 'number' ? msg.since : Infinity,
  };
  e.waitUntil(
    (async () => {
      const result = await keepFiles(req, (u) => confirmed.get(u) ?? 0);
      e.ports[0]?.postMessage(result);
      await forgetDeletedDecks(page);
      // Only once everything this page needs is kept: the sweep spares what any page still lists.
      if (result.failed === 0) await sweepFiles();
    })(),
  );
});
