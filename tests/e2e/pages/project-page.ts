import { expect, type Page } from '@playwright/test';

/** An open project: the decks column and the top bar. */
export class ProjectPage {
  constructor(readonly page: Page) {}

  async expectOpen(name: string): Promise<void> {
    await expect(this.page.getByTestId('project-name')).toHaveText(name);
  }

  async newDeck(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New deck' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New deck' });
    await dialog.getByLabel('Deck name').fill(name);
    await dialog.getByRole('button', { name: 'Create deck' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByTestId('deck-title')).toHaveText(name);
  }

  async closeProject(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close project' }).click();
    await expect(this.page.getByRole('heading', { name: 'Magritte Studio' })).toBeVisible();
  }
}
