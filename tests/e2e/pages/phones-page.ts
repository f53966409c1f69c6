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
   * Starts keeping, in the page, what "Update phones" showed, in order: its heading and each step's
   * states. A prepared deck can update in under a second, too briefly for a test to look at it.
   */
  async recordUpdate(): Promise<void> {
    await this.page.evaluate(UPDATE_RECORDER);
  }

  /** What `recordUpdate` saw, e.g. { headings: ['Updating the phones…', 'Phones updated'], steps: { train: ['waiting', 'running', 'done'] } }. */
  async recordedUpdate(): Promise<{ headings: string[]; steps: Record<string, string[]> }> {
    return this.page.evaluate('window.__update') as Promise<{ headings: string[]; steps: Record<string, string[]> }>;
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Phone settings' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Phone settings' });
    await expect(dialog.getByLabel('App package')).not.toHaveValue('');
    return dialog;
  }
}

/** Runs in the page (a string: these tests are type-checked without the DOM's types). */
const UPDATE_RECORDER = `(() => {
  window.__update = { headings: [], steps: {} };
  const seen = (list, value) => { if (value && list.at(-1) !== value) list.push(value); };
  const look = () => {
    const progress = document.querySelector('[data-testid="update-progress"]');
    if (!progress) return;
    seen(window.__update.headings, progress.querySelector('h2')?.textContent);
    for (const row of progress.querySelectorAll('[data-testid="update-step"]')) seen((window.__update.steps[row.dataset.step] ??= []), row.dataset.state);
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
})()`;
