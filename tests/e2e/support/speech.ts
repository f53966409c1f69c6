import type { BrowserContext, Page } from '@playwright/test';

/**
 * Notes what a page says aloud, as "lang:text" in `globalThis.__spoken` (headless Chromium has no
 * voices to hear). Runs before every page script, so call it before the page loads.
 */
export async function recordSpeech(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const w = globalThis as unknown as { __spoken: string[]; speechSynthesis: { speak(u: { text: string; lang: string }): void } };
    w.__spoken = [];
    const speak = w.speechSynthesis.speak.bind(w.speechSynthesis);
    w.speechSynthesis.speak = (u) => {
      w.__spoken.push(`${u.lang}:${u.text}`);
      speak(u);
    };
  });
}
