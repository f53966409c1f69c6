import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { snap } from './support/artifacts';
import { cameraFruitProject, hostSocketUrl } from './support/camera-fruits';
import { ARTIFACTS } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The deck as a map, on the trained fruit deck (six words, 40 photos each): one dot per photo,
 * coloured by word; pointing at a dot shows its photo, a click opens it, and a loop drawn around
 * dots selects them for "Move to…", undone with Ctrl+Z like any move.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let deckId: number;
let page: Page;
let deck: DeckPage;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(300_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  ({ deckId } = await cameraFruitProject(studio));
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

const dots = () => page.getByTestId('map-dot');

/** Each dot's photo, word, colour and centre on the screen, read in one go. */
async function readDots(): Promise<{ id: number; word: string; fill: string; x: number; y: number; cx: number; cy: number; onTop: boolean }[]> {
  return page.getByTestId('map-dot').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        id: Number(el.getAttribute('data-photo-id')),
        word: el.getAttribute('data-word') ?? '',
        fill: el.getAttribute('fill') ?? '',
        // Where the dot sits on the map itself (the screen position shifts when a note above appears).
        cx: Number(el.getAttribute('cx')),
        cy: Number(el.getAttribute('cy')),
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
        // Dots may overlap: only one not covered by another can be pointed at.
        onTop: el.ownerDocument.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el,
      };
    }),
  );
}

function dotOf(id: number): Locator {
  return page.locator(`[data-testid="map-dot"][data-photo-id="${id}"]`);
}

test('after training, the map draws one dot per photo, one colour per word', async () => {
  test.setTimeout(180_000);
  const photos = await studio.api.listPhotos({ deckId });
  const classes = await studio.api.listClasses({ deckId });
  await page.goto(`/#/deck/${deckId}/photos`);
  await expect(deck.photos().first()).toBeVisible();
  await page.getByTestId('view-map').click();
  await expect(page.getByTestId('map-caption')).toHaveText(
    'Photos that look alike sit close together. Words whose colours mix may confuse the model.',
  );
  // Arranging 240 photos takes a few seconds on a busy machine (their features are cached by training).
  await expect(dots()).toHaveCount(photos.length, { timeout: 120_000 });
  await expect(page.getByTestId('map-progress')).toBeHidden();

  const read = await readDots();
  const wordOf = new Map(classes.map((c) => [c.id, c.key]));
  // Each dot carries its photo's word, and every word has one colour of its own.
  expect(new Set(read.map((d) => d.id))).toEqual(new Set(photos.map((p) => p.id)));
  for (const d of read) expect(d.word).toBe(wordOf.get(photos.find((p) => p.id === d.id)!.classId));
  const colourOf = new Map<string, Set<string>>();
  for (const d of read) colourOf.set(d.word, (colourOf.get(d.word) ?? new Set()).add(d.fill));
  expect([...colourOf.keys()].sort()).toEqual(classes.map((c) => c.key).sort());
  for (const fills of colourOf.values()) expect(fills.size).toBe(1);
  expect(new Set([...colourOf.values()].map((s) => [...s][0])).size).toBe(classes.length);
  // The legend names every word with its count.
  await expect(page.getByTestId('map-legend-item')).toHaveCount(classes.length);
  await expect(page.locator('[data-testid="map-legend-item"][data-word="Apple"]')).toContainText('Apple (40)');
  await snap(page, 'deck-map-01-fruits');
});

test('pointing at a dot shows its photo; a click opens it large', async () => {
  const first = (await readDots()).find((d) => d.onTop)!;
  const photo = (await studio.api.listPhotos({ deckId })).find((p) => p.id === first.id)!;
  await dotOf(first.id).hover();
  const hover = page.getByTestId('map-hover');
  await expect(hover).toBeVisible();
  await expect(hover.getByTestId('map-hover-word')).toHaveText(first.word);
  await expect(hover).toContainText(photo.originalName);
  const img = hover.getByTestId('map-hover-photo');
  await expect(img).toHaveAttribute('src', new RegExp(photo.sha256));
  await expect
    .poll(() =>
      img.evaluate(
        (el) =>
          (el as unknown as { complete: boolean; naturalWidth: number }).complete && (el as unknown as { naturalWidth: number }).naturalWidth > 0,
      ),
    )
    .toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'deck-map-02-hover.png') });

  await dotOf(first.id).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByTestId('photo-large')).toBeVisible();
  await expect(viewer).toContainText(photo.originalName);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();
});

test('a loop drawn around dots selects them; "Move to…" recolours them and Ctrl+Z puts them back', async () => {
  // The pointer leaves the map first: a photo card still shown from pointing at a dot would cover dots.
  await page.mouse.move(1, 1);
  await expect(page.getByTestId('map-hover')).toBeHidden();
  const before = await readDots();
  const apples = before.filter((d) => d.word === 'Apple');
  // Around the middle of the apples: a loop whose radius holds a few of them, none on its edge.
  const cx = apples.reduce((s, d) => s + d.x, 0) / apples.length;
  const cy = apples.reduce((s, d) => s + d.y, 0) / apples.length;
  const centre = apples.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
  const distance = (d: { x: number; y: number }) => Math.hypot(d.x - centre.x, d.y - centre.y);
  let radius = 40;
  while (before.some((d) => Math.abs(distance(d) - radius) < 8)) radius += 2;
  const inside = before.filter((d) => distance(d) < radius);
  expect(inside.length).toBeGreaterThan(0);

  // Start beside the loop's centre, off any dot, and go round it.
  const steps = 48;
  await page.mouse.move(centre.x + radius, centre.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    await page.mouse.move(centre.x + radius * Math.cos(a), centre.y + radius * Math.sin(a));
  }
  await page.mouse.up();
  await expect(page.getByTestId('selection-count')).toHaveText(`${inside.length} of ${before.length} selected`);
  for (const d of inside) await expect(dotOf(d.id)).toHaveAttribute('data-selected', 'true');
  await snap(page, 'deck-map-03-lasso-selected');

  // Ctrl+click adds one more dot: one of another word (not the one they go to), outside the loop,
  // read again until one can be pointed at (a closing card or dialog may still cover the map).
  const insideIds = new Set(inside.map((d) => d.id));
  let extra: (typeof before)[number] | undefined;
  await expect
    .poll(async () => {
      extra = (await readDots()).find((d) => d.word !== 'Apple' && d.word !== 'Orange' && d.onTop && !insideIds.has(d.id));
      return extra?.word ?? null;
    })
    .not.toBeNull();
  if (!extra) throw new Error('unreachable: the poll above found a dot');
  await dotOf(extra.id).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText(`${inside.length + 1} of ${before.length} selected`);

  const orangeFill = before.find((d) => d.word === 'Orange')!.fill;
  const moved = [...inside, extra];
  const counts = { Apple: inside.filter((d) => d.word === 'Apple').length };
  await deck.moveSelectedTo('Orange');
  for (const d of moved) {
    await expect(dotOf(d.id)).toHaveAttribute('data-word', 'Orange');
    await expect(dotOf(d.id)).toHaveAttribute('fill', orangeFill);
  }
  await deck.expectCount('Orange', 40 + moved.length);
  await deck.expectCount('Apple', 40 - counts.Apple);
  // Moving keeps every dot where it was: only colours change.
  const after = await readDots();
  for (const d of before) {
    const now = after.find((a) => a.id === d.id)!;
    expect([now.cx, now.cy]).toEqual([d.cx, d.cy]);
  }
  await snap(page, 'deck-map-04-moved');

  await page.keyboard.press('Control+z');
  for (const d of moved) await expect(dotOf(d.id)).toHaveAttribute('data-word', d.word);
  await deck.expectCount('Orange', 40);
  await deck.expectCount('Apple', 40);
  await deck.expectCount(extra.word, 40);
});
