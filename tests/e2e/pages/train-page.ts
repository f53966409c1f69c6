import { expect, type Locator, type Page } from '@playwright/test';
import { dropFiles } from '../support/drop';

// Runs in the page (the tests' TypeScript has no DOM types, hence a string).
const RECORDER = `(() => {
  window.__epochs = [];
  window.__points = [];
  window.__phases = [];
  const read = () => {
    const phase = document.querySelector('[data-testid="run-phase"]')?.textContent ?? '';
    if (phase && phase !== window.__phases.at(-1)) window.__phases.push(phase);
    const m = /^Epoch (\\d+) of/.exec(document.querySelector('[data-testid="epoch-count"]')?.textContent ?? '');
    if (m && Number(m[1]) !== window.__epochs.at(-1)) window.__epochs.push(Number(m[1]));
    const points = Number(document.querySelector('[data-testid="run-card"] [data-testid="accuracy-chart"]')?.getAttribute('data-points') ?? NaN);
    if (Number.isFinite(points) && points !== window.__points.at(-1)) window.__points.push(points);
  };
  // Once per painted frame: sees every state the teacher could see, at no cost to the page.
  const loop = () => { read(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()`;

/** The Train tab of a deck: the Train button, the live run, a version's results and the versions list. */
export class TrainPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Train' }).click();
    await expect(this.page.getByTestId('train-panel')).toBeVisible();
  }

  trainButton(): Locator {
    return this.page.getByTestId('train-panel').getByRole('button', { name: /^Train( again)?$/ });
  }

  runCard(): Locator {
    return this.page.getByTestId('run-card');
  }

  results(): Locator {
    return this.page.getByTestId('results');
  }

  versions(): Locator {
    return this.page.getByTestId('version-item');
  }

  /**
   * From now on, records in the page every epoch number the live counter shows, every number of
   * points the accuracy chart plots (read back with `recordedEpochs`) and every phase line
   * (`recordedPhases`): proof the chart grew step by step, however quickly the run went.
   */
  async recordEpochs(): Promise<void> {
    await this.page.evaluate(RECORDER);
  }

  async recordedEpochs(): Promise<{ epochs: number[]; points: number[] }> {
    return this.page.evaluate('({ epochs: window.__epochs, points: window.__points })') as Promise<{ epochs: number[]; points: number[] }>;
  }

  /** Every phase line the live run showed since `recordEpochs` ("Step 2 of 4 · …"), in order. */
  async recordedPhases(): Promise<string[]> {
    return this.page.evaluate('window.__phases') as Promise<string[]>;
  }

  /** The epoch the live counter shows now (0 before the first). */
  async currentEpoch(): Promise<number> {
    const text = (await this.page.getByTestId('epoch-count').textContent()) ?? '';
    return Number(/^Epoch (\d+)/.exec(text)?.[1] ?? 0);
  }

  async openSettings(): Promise<Locator> {
    const panel = this.page.getByTestId('advanced-settings');
    const summary = panel.getByRole('button', { name: /Advanced settings/ });
    if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
    return panel;
  }

  async setSetting(label: string, value: string): Promise<void> {
    const panel = await this.openSettings();
    const field = panel.getByLabel(label, { exact: true });
    await field.fill(value);
    await expect(field).toHaveValue(value);
  }

  /** Waits until the typed settings are saved for the deck (they are saved shortly after typing). */
  async expectChangedSettings(n: number): Promise<void> {
    const expected = n === 0 ? /defaults work well/ : `${n} changed from the defaults`;
    try {
      await expect(this.page.getByTestId('settings-changed')).toHaveText(expected);
    } catch (e) {
      // A save the core refused shows a notice: name it, so a failure in CI says why.
      const notices = await this.page.getByRole('alert').allInnerTexts();
      throw new Error(`${(e as Error).message}\nNotices on screen: ${notices.length ? notices.join(' | ') : 'none'}`);
    }
  }

  async resetSettings(): Promise<void> {
    const panel = await this.openSettings();
    await panel.getByRole('button', { name: 'Reset to defaults' }).click();
    await this.expectChangedSettings(0);
  }

  cell(actual: string, predicted: string): Locator {
    return this.page.locator(`[data-testid="confusion-cell"][data-actual="${actual}"][data-predicted="${predicted}"]`);
  }

  /** Scrolls the Train screen so the section starts at the top, for a screenshot of it. */
  async scrollToSection(testId: string): Promise<void> {
    await this.page.getByTestId(testId).evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
  }

  async dropToTry(files: string[]): Promise<void> {
    await dropFiles(this.page.getByTestId('try-photo'), files);
  }
}
