import { expect, type Locator, type Page } from '@playwright/test';

/** The Export tab of a deck: the choices, the Export button and its reason, the result and history. */
export class ExportPage {
  constructor(readonly page: Page) {}

  async goto(deckId: number): Promise<void> {
    await this.page.goto(`/#/deck/${deckId}/export`);
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Export' }).click();
    await expect(this.page.getByTestId('export-tab')).toBeVisible();
  }

  exportButton(): Locator {
    return this.page.getByTestId('export-button');
  }

  reason(): Locator {
    return this.page.getByTestId('export-reason');
  }

  missingWords(): Locator {
    return this.page.getByTestId('missing-words');
  }

  missingLine(language: string): Locator {
    return this.page.locator(`[data-testid="missing-line"][data-language="${language}"]`);
  }

  /** A checkbox of the choices, by its visible label ("TensorFlow Lite", "French", "Market"). */
  choice(label: string | RegExp): Locator {
    return this.page.getByTestId('export-tab').getByRole('checkbox', { name: label });
  }

  ready(): Locator {
    return this.page.getByTestId('export-ready');
  }

  running(): Locator {
    return this.page.getByTestId('export-running');
  }

  /**
   * From now on, remembers every phase line the running export shows and whether its Cancel button
   * was there: an export of a small deck can be over in a second, before a test could look.
   */
  async recordRunning(): Promise<void> {
    await this.page.evaluate(RUNNING_RECORDER);
  }

  /** What `recordRunning` saw since it started. */
  async recordedRunning(): Promise<{ phases: string[]; cancel: boolean }> {
    return this.page.evaluate('({ phases: window.__exportPhases, cancel: window.__exportCancel })') as Promise<{ phases: string[]; cancel: boolean }>;
  }

  file(name: string | RegExp): Locator {
    return this.ready().getByTestId('export-file').filter({ hasText: name });
  }

  history(): Locator {
    return this.page.getByTestId('export-history').getByTestId('history-item');
  }

  /** Scrolls the screen so the section starts at the top, for a screenshot of it. */
  async scrollTo(testId: string): Promise<void> {
    await this.page.getByTestId(testId).evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
  }
}

/** Runs in the page (a string: these tests are type-checked without the DOM's types). */
const RUNNING_RECORDER = `(() => {
  window.__exportPhases = [];
  window.__exportCancel = false;
  const look = () => {
    const phase = document.querySelector('[data-testid="export-phase"]')?.textContent ?? '';
    if (phase && window.__exportPhases.at(-1) !== phase) window.__exportPhases.push(phase);
    const running = document.querySelector('[data-testid="export-running"]');
    if (running && [...running.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Cancel')) window.__exportCancel = true;
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;
