import { expect, type Locator, type Page } from '@playwright/test';
import { dropFiles } from '../support/drop';

/** The Photos tab of a deck: word cards on the left, the photo grid on the right. */
export class DeckPage {
  constructor(readonly page: Page) {}

  card(key: string): Locator {
    return this.page.locator(`[data-testid="class-card"][data-class-key="${key}"]`);
  }

  photos(): Locator {
    return this.page.getByTestId('photo');
  }

  async addWord(key: string, words: Record<string, string>): Promise<void> {
    await this.page.getByRole('button', { name: 'Add word' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a word' });
    await dialog.getByLabel('Short name').fill(key);
    for (const [language, word] of Object.entries(words)) await dialog.getByLabel(`Word in ${language}`).fill(word);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.card(key)).toBeVisible();
  }

  async expectCount(key: string, n: number): Promise<void> {
    await expect(this.card(key).getByTestId('class-count')).toHaveText(String(n));
  }

  async dropOnCard(key: string, files: string[]): Promise<void> {
    await dropFiles(this.card(key), files);
  }

  async dropOnDeck(files: string[]): Promise<void> {
    await dropFiles(this.page.getByTestId('deck-drop-zone'), files);
  }

  async showClass(key: string): Promise<void> {
    await this.card(key).getByTestId('class-key').click();
    await expect(this.page.getByTestId('grid-title')).toHaveText(key);
  }

  async showAll(): Promise<void> {
    await this.page.getByTestId('all-photos').click();
  }

  /** The import report dialog that opens when an import has something to tell. */
  report(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByTestId('report-success') });
  }

  async moveSelectedTo(key: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Move to…' }).click();
    await this.page.getByTestId('move-target').filter({ hasText: key }).click();
  }
}
