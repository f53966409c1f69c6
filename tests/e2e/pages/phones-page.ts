import { expect, type Locator, type Page } from '@playwright/test';

/** A deck's Phones tab: the phones plugged in, what is sent, sending, and the history. */
export class PhonesPage {
  constructor(readonly page: Page) {}

  async goto(deckId: number): Promise<void> {
    await this.page.goto(`#/deck/${deckId}/phones`);
    await expect(this.page.getByRole('heading', { name: 'Phones', exact: true })).toBeVisible();
  }

  /** The card of the phone with this serial. */
  card(serial: string): Locator {
    return this.page.locator(`[data-testid="phone-card"][data-serial="${serial}"]`);
  }

  cards(): Locator {
    return this.page.getByTestId('phone-card');
  }

  sendButton(): Locator {
    return this.page.getByRole('button', { name: /^Send to / });
  }

  progressRow(serial: string): Locator {
    return this.page.locator(`[data-testid="push-phone"][data-serial="${serial}"]`);
  }

  outcome(serial: string): Locator {
    return this.page.locator(`[data-testid="push-outcome"][data-serial="${serial}"]`);
  }

  history(): Locator {
    return this.page.getByTestId('history-row');
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Phone settings' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Phone settings' });
    await expect(dialog.getByLabel('App package')).not.toHaveValue('');
    return dialog;
  }
}
