/**
 * Keeping the phone page usable without the cable: registers the service worker, then (once the
 * deck has loaded) hands it the list of every file the page used so it keeps them all. The worker
 * fetches only what it does not hold yet (offline-store.ts): after a reload that is nothing.
 */
// Types only: the worker's code stays in the worker's own build.
import type { KeepResult } from './offline-store';

export const SERVICE_WORKER_URL = '/phone-sw.js';

/**
 * Registers the worker; resolves with the registration to talk to. When a worker is active already
 * (every visit after the first) that one is used at once: register() queues behind the update
 * check Chromium starts on its own after a reload, which was seen to wait 57 s before fetching
 * the worker's script, and "Saved on this phone" waited with it. register() still runs, so a
 * newer worker installs as before.
 */
export async function registerOffline(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registering = navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).catch(() => null);
  const existing = await navigator.serviceWorker.getRegistration('/').catch(() => undefined);
  return existing?.active ? existing : registering;
}

/** Same-origin files this page fetched, plus the ones named here (the base model's weight files). */
export function usedUrls(extra: string[]): string[] {
  const origin = window.location.origin;
  const urls = new Set<string>([window.location.href.split('#')[0], ...extra.map((u) => new URL(u, origin).toString())]);
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const url = new URL(entry.name);
    // Requests that failed (a 404 the browser made on its own) are not part of the page.
    const failed = typeof entry.responseStatus === 'number' && entry.responseStatus >= 400;
    if (url.origin === origin && url.protocol.startsWith('http') && url.pathname !== SERVICE_WORKER_URL && !failed) urls.add(url.toString());
  }
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')) {
    const src = el instanceof HTMLScriptElement ? el.src : el.href;
    if (src && new URL(src).origin === origin) urls.add(src);
  }
  return [...urls];
}

/** The weight files a TF.js model.json lists, as URLs next to it. */
export async function weightUrls(modelJsonUrl: string): Promise<string[]> {
  const res = await fetch(modelJsonUrl);
  const json = (await res.json()) as { weightsManifest?: { paths: string[] }[] };
  const base = new URL(modelJsonUrl, window.location.href);
  return (json.weightsManifest ?? []).flatMap((g) => g.paths.map((p) => new URL(p, base).toString()));
}

/** Asks the worker to keep `urls` for this page; resolves with what it did, or null without a worker. */
export async function keepForOffline(urls: string[]): Promise<KeepResult | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data as KeepResult);
    const page = window.location.href.split('#')[0];
    // `since`: the page and its live model, if the worker fetched them after this, are fresh.
    worker.postMessage({ type: 'keep', page, urls, since: performance.timeOrigin }, [channel.port2]);
  });
}
