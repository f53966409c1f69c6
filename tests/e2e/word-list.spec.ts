import { expect, test, type Locator, type Page } from '@playwright/test';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The deck's word list keeps every word whole: a long title ("Pomegranate", a 24-letter word)
 * beside the photo count and the card's three buttons, and long words in English, French and
 * Spanish beside their language's name, break only at spaces and stay inside their card, at the
 * studio's usual window size and at the smallest one the app allows (electron/main/window.ts).
 */
test.describe.configure({ mode: 'serial' });

const WORDS: { key: string; words: Record<string, string> }[] = [
  { key: 'Pomegranate', words: { en: 'pomegranate', fr: 'grenade', es: 'granada' } },
  { key: 'Watermelon', words: { en: 'watermelon', fr: 'pastèque', es: 'sandía' } },
  { key: 'Electroencephalographies', words: { en: 'electroencephalographies', fr: 'électroencéphalographies', es: 'electroencefalografistas' } },
  { key: 'Football world cup', words: { en: 'football world cup', fr: 'coupe du monde de football', es: 'copa mundial de fútbol' } },
];

let studio: StudioConnection;
let page: Page;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Long words', languages: ['en', 'fr', 'es'] });
  deckId = (await studio.api.createDeck({ name: 'Long words' })).id;
  for (const w of WORDS) await studio.api.createClass({ deckId, ...w });
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

interface Broken {
  text: string;
  token: string;
  lines: number;
  inside: boolean;
}

/** The little of the DOM the measure below uses (this file is typed for Node, not the DOM). */
interface Rect {
  left: number;
  right: number;
  top: number;
  width: number;
}
interface PageDocument {
  createTreeWalker(root: unknown, show: number): { nextNode(): { textContent: string | null } | null };
  createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getClientRects(): Iterable<Rect> };
}
/** NodeFilter.SHOW_TEXT. */
const SHOW_TEXT = 4;

/**
 * Each space-separated token of the element's text, measured where the browser laid it out: the
 * number of lines its characters sit on, and whether it lies within the card. A token split over two
 * lines was cut mid-word; one outside the card is cut off or spills over its border.
 */
async function tokenLayout(el: Locator, card: Locator): Promise<Broken[]> {
  const cardBox = (await card.boundingBox())!;
  return el.evaluate(
    (node, { box, show }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const out: Broken[] = [];
      const walker = doc.createTreeWalker(node, show);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const text = t.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = doc.createRange();
          range.setStart(t, m.index);
          range.setEnd(t, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const tops = new Set(rects.map((r) => Math.round(r.top)));
          const inside = rects.every((r) => r.left >= box.x - 0.5 && r.right <= box.x + box.width + 0.5);
          out.push({ text, token: m[0], lines: tops.size, inside });
        }
      }
      return out;
    },
    { box: cardBox, show: SHOW_TEXT },
  );
}

for (const size of [
  { name: 'usual window', width: 1280, height: 800, camera: false },
  { name: 'smallest window', width: 900, height: 600, camera: false },
  // The camera opens beside the words and narrows their column.
  { name: 'camera open', width: 1280, height: 800, camera: true },
]) {
  test(`every word is whole on its card (${size.name}, ${size.width}x${size.height})`, async () => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`/#/deck/${deckId}/photos`);
    const cards = page.getByTestId('class-card');
    await expect(cards).toHaveCount(WORDS.length);
    if (size.camera) {
      const narrow = (await page.getByTestId('words-column').boundingBox())!.width;
      await page.getByRole('button', { name: `Camera for ${WORDS[0].key}`, exact: true }).click();
      await expect.poll(async () => (await page.getByTestId('words-column').boundingBox())!.width).toBeLessThan(narrow);
    }
    await page.evaluate('document.fonts.ready');
    const measured: Broken[] = [];
    for (const w of WORDS) {
      const card = page.locator(`[data-testid="class-card"][data-class-key="${w.key}"]`);
      await card.scrollIntoViewIfNeeded();
      await expect(card.getByTestId('class-key')).toHaveText(w.key);
      measured.push(...(await tokenLayout(card.getByTestId('class-key'), card)));
      for (const [lang, word] of Object.entries(w.words)) {
        const row = card.getByTestId(`word-${lang}`);
        await expect(row.getByRole('button')).toHaveText(word);
        measured.push(...(await tokenLayout(row.getByRole('button'), card)));
      }
      // The card's buttons stay where a teacher looks for them, on the card and usable.
      for (const name of [`Add photos to ${w.key}`, `Camera for ${w.key}`, `Options for ${w.key}`]) {
        const button = card.getByRole('button', { name, exact: true });
        await expect(button).toBeVisible();
        const b = (await button.boundingBox())!;
        const c = (await card.boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.width);
      }
    }
    // Every title and word was measured, token by token (a word of four tokens counts four).
    expect(measured.length).toBe(WORDS.reduce((n, w) => n + [w.key, ...Object.values(w.words)].join(' ').split(' ').length, 0));
    expect(measured.filter((m) => m.lines !== 1 || !m.inside)).toEqual([]);
    await page.locator('[data-testid="class-card"]').first().scrollIntoViewIfNeeded();
    await snap(page, `word-list-long-words-${size.width}x${size.height}${size.camera ? '-camera' : ''}`);
  });
}
