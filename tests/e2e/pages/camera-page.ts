import { expect, type Locator, type Page } from '@playwright/test';

/** The camera panel of the Photos tab and the Test tab's live read-out. */
export class CameraPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('camera-panel');
  }

  async openFor(key: string): Promise<void> {
    await this.page.getByRole('button', { name: `Camera for ${key}` }).click();
    await expect(this.panel()).toBeVisible();
    await this.expectLive();
  }

  /** Waits until the preview plays real frames. */
  async expectLive(): Promise<void> {
    await expect(this.page.getByText('Starting the camera…')).toBeHidden();
    await expect
      .poll(() => this.page.getByTestId('camera-preview').evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth))
      .toBeGreaterThan(0);
  }

  counter(): Locator {
    return this.page.getByTestId('capture-counter');
  }

  async taken(): Promise<number> {
    return Number(await this.counter().getAttribute('data-taken'));
  }

  async added(): Promise<number> {
    return Number(await this.counter().getAttribute('data-added'));
  }

  /** Presses the record button for `ms`, like a finger held on it. */
  async holdRecord(ms: number): Promise<void> {
    const button = this.page.getByTestId('hold-to-record');
    const box = await button.boundingBox();
    if (!box) throw new Error('The record button is not on screen');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.waitForTimeout(ms);
    await this.page.mouse.up();
  }

  liveWord(): Locator {
    return this.page.getByTestId('live-word');
  }

  problem(): Locator {
    return this.page.getByTestId('camera-problem');
  }
}
