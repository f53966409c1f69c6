/**
 * The phone page's service worker: once the page has loaded its deck, it asks this worker to keep
 * every file it used (the page, its scripts, the WebAssembly, the base model, the deck's live model),
 * so the page opens and works with the cable unplugged. While online the page and the deck's model
 * are fetched fresh (a retrained deck shows up on reload); everything else has a content-hashed or
 * fixed name and comes from the cache first.
 *
 * Built by Vite as its own entry with a fixed name (out/renderer/phone-sw.js): a service worker's
 * URL must not change between builds.
 */
const CACHE = 'magritte-phone-v1';

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

/** Fresh while the studio answers; the kept copy when it does not (cable out, studio closed). */
function isFreshFirst(request: Request, url: URL): boolean {
  return request.mode === 'navigate' || /^\/phone\/\d+$/.test(url.pathname) || url.pathname.endsWith('/live-model.json');
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw e;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener('activate', (e) => e.waitUntil(sw.clients.claim()));

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  e.respondWith(isFreshFirst(e.request, url) ? networkFirst(e.request) : cacheFirst(e.request));
});

/** `{ type: 'keep', urls }` from the page: store (or refresh) them all; answers `{ kept, failed }` on the given port. */
sw.addEventListener('message', (e) => {
  const msg = e.data as { type?: string; urls?: unknown };
  if (msg?.type !== 'keep' || !Array.isArray(msg.urls)) return;
  const urls = msg.urls.filter((u): u is string => typeof u === 'string' && new URL(u, sw.location.origin).origin === sw.location.origin);
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const results = await Promise.allSettled(
        urls.map(async (u) => {
          try {
            const response = await fetch(u, { cache: 'no-cache' });
            if (!response.ok) throw new Error(`${u}: ${response.status}`);
            await cache.put(u, response);
          } catch (err) {
            // Offline (or the studio closed): a copy kept earlier still counts.
            if (!(await cache.match(u, { ignoreVary: true }))) throw err;
          }
        }),
      );
      const failed = results.filter((r) => r.status === 'rejected').length;
      e.ports[0]?.postMessage({ kept: urls.length - failed, failed });
    })(),
  );
});
