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

  /**
   * Starts keeping, in the page, each "Update phones" step's states in the order they showed.
   * A step on a prepared deck can run for under a second, too briefly for a test to look at it.
   */
  async recordSteps(): Promise<void> {
    await this.page.evaluate(STEP_RECORDER);
  }

  /** The states each step showed since `recordSteps` started, e.g. { train: ['waiting', 'running', 'done'] }. */
  async recordedSteps(): Promise<Record<string, string[]>> {
    return this.page.evaluate('window.__updateSteps') as Promise<Record<string, string[]>>;
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Phone settings' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Phone settings' });
    await expect(dialog.getByLabel('App package')).not.toHaveValue('');
    return dialog;
  }
}

/** Runs in the page (a string: these tests are type-checked without the DOM's types). */
const STEP_RECORDER = `(() => {
  window.__updateSteps = {};
  const look = () => {
    for (const row of document.querySelectorAll('[data-testid="update-step"]')) {
      const seen = (window.__updateSteps[row.dataset.step] ??= []);
      if (seen.at(-1) !== row.dataset.state) seen.push(row.dataset.state);
    }
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})()`;
