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
