import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PhonesPage } from './pages/phones-page';
import { snap } from './support/artifacts';
import { makeFruitProject } from './support/fruit-deck';
import { startDeploySetup, type DeploySetup } from './support/deploy-setup';
import { slowCable, type SlowCable } from './support/slow-cable';
import type { EmulatedPhone } from '../../src/test-support/emulated-phone/emulated-phone';
import { openStudioPage } from './support/session';

/**
 * The Phones tab against real adb: a private adb server, emulated phones attached to it, and a
 * studio host of its own pointed at that adb. A trained and exported "Fruits" deck is made through
 * the API first; everything after that goes through the screen.
 */
test.describe.configure({ mode: 'serial' });

const DESTINATION = '/sdcard/Android/data/org.magritte.app/files/magritte/Fruits';

let setup: DeploySetup;
let page: Page;
let phones: PhonesPage;
let deckId: number;
let pixel: EmulatedPhone;
let cable: SlowCable;
let galaxy: EmulatedPhone;
let vegetablesId: number;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  setup = await startDeploySetup('phones');
  ({ deckId } = await makeFruitProject(setup.studio, { name: 'Year 5 phones' }));
  vegetablesId = (await setup.studio.api.createDeck({ name: 'Vegetables' })).id;
  page = await openStudioPage(browser, setup.studio.url, setup.studio.token);
  phones = new PhonesPage(page);
});

test.afterAll(async () => {
  await page?.close();
  await cable?.close();
  await setup?.stop();
});

test('with no phone plugged in, says how to plug one in, and shows what would be sent', async () => {
  await phones.goto(deckId);
  // The "Open on a phone's browser" card below explains the USB route in similar words: read the empty list's own card.
  const noPhones = page.getByTestId('no-phones');
  await expect(noPhones.getByText('Plug in a phone with USB debugging on')).toBeVisible();
  await expect(noPhones.getByText('turn on “USB debugging”', { exact: false })).toBeVisible();
  const preview = page.getByTestId('export-preview');
  await expect(preview).toContainText('tfjs/model.json');
  await expect(preview).toContainText('.tflite');
  await expect(preview).toContainText(DESTINATION);
  await expect(phones.sendButton()).toBeDisabled();
  await snap(page, 'phones-01-no-phone');
});

test('lists a phone as soon as it is plugged in', async () => {
  pixel = await setup.phone({ model: 'Pixel 7' });
  // A USB 2 cable's worth of slowness, so the push below can be watched.
  cable = await slowCable(pixel.port, 1_500_000);
  await setup.adb.host.connect('127.0.0.1', cable.port);
  await expect(phones.card(cable.serial)).toContainText('Pixel 7');
  await expect(phones.card(cable.serial).getByTestId('phone-state')).toHaveText('Ready');
  await expect(phones.sendButton()).toHaveText('Send to Pixel 7');
});

test('explains a phone that has not allowed this computer, with the fix', async () => {
  galaxy = await setup.phone({ model: 'Galaxy A14', auth: 'refuse' });
  await setup.adb.attach(galaxy, 'unauthorized');
  const card = phones.card(galaxy.serial);
  await expect(card.getByTestId('phone-state')).toHaveText('Waiting for you to tap Allow');
  await expect(card.getByTestId('phone-fix')).toContainText('has not allowed this computer yet');
  await expect(card.getByTestId('phone-fix')).toContainText('Unlock the phone and tap Allow on the USB debugging prompt');
  await expect(card.getByRole('checkbox')).toBeDisabled();
  await expect(page.getByText('1 of 2 ready')).toBeVisible();
  await snap(page, 'phones-02-ready-and-unauthorized');
});

test('sends the model to the ready phone with visible progress, then says it arrived', async () => {
  await phones.sendButton().click();
  const row = phones.progressRow(cable.serial);
  await expect(row).toContainText(/Sending .+ \(\d+ of \d+\)/);
  const bar = row.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(10);
  await snap(page, 'phones-03-sending');
  const outcome = phones.outcome(cable.serial);
  await expect(outcome).toContainText('Pixel 7 has the deck', { timeout: 60_000 });
  await expect(outcome).toContainText('checked byte for byte (SHA-256)');
  await expect(outcome).toContainText(DESTINATION);
  await expect(phones.history().first()).toContainText('Pixel 7');
  await expect(phones.history().first()).toContainText('Sent');
  await snap(page, 'phones-04-sent');
  // The phone really holds the export, byte for byte, and its app was told to reload.
  const sent = await setup.studio.api.previewPush({ deckId });
  expect(sent?.files.length).toBeGreaterThan(2);
  for (const f of sent!.files) {
    expect(pixel.readFile(`${DESTINATION}/${f.name}`).equals(fs.readFileSync(path.join(sent!.exportDir, f.name))), f.name).toBe(true);
  }
  expect(pixel.amLog.some((argv) => argv.includes('org.magritte.app.RELOAD'))).toBe(true);
});

test('a phone that allows the computer becomes ready by itself; both get the deck', async () => {
  await page.getByTestId('send-progress').getByRole('button', { name: 'Close' }).click();
  galaxy.tapAllow();
  await expect(phones.card(galaxy.serial).getByTestId('phone-state')).toHaveText('Ready', { timeout: 20_000 });
  await expect(phones.card(galaxy.serial)).toContainText('Galaxy A14');
  await expect(phones.sendButton()).toHaveText('Send to 2 phones');
  await phones.sendButton().click();
  await expect(phones.outcome(galaxy.serial)).toContainText('Galaxy A14 has the deck', { timeout: 60_000 });
  await expect(phones.outcome(cable.serial)).toContainText('Pixel 7 has the deck');
  await expect(page.getByRole('heading', { name: 'Sent', exact: true })).toBeVisible();
  await expect(phones.history()).toHaveCount(3);
});

test('sends to a chosen phone only', async () => {
  await page.getByTestId('send-progress').getByRole('button', { name: 'Close' }).click();
  await phones.card(cable.serial).getByRole('checkbox').uncheck();
  await expect(phones.sendButton()).toHaveText('Send to Galaxy A14');
  await phones.sendButton().click();
  await expect(phones.outcome(galaxy.serial)).toContainText('Galaxy A14 has the deck', { timeout: 60_000 });
  await expect(phones.outcome(cable.serial)).toHaveCount(0);
  await phones.card(cable.serial).getByRole('checkbox').check();
});

test('a phone that is full says so in words, with what to do, and keeps nothing half-sent', async () => {
  await page.getByTestId('send-progress').getByRole('button', { name: 'Close' }).click();
  galaxy.faults.freeBytes = 100_000;
  try {
    await phones.card(cable.serial).getByRole('checkbox').uncheck();
    await phones.sendButton().click();
    const outcome = phones.outcome(galaxy.serial);
    await expect(outcome).toContainText('is out of storage space', { timeout: 60_000 });
    await expect(outcome).toContainText('Free some space on the phone');
    await expect(page.getByRole('heading', { name: 'Not sent', exact: true })).toBeVisible();
    await expect(phones.history().first()).toContainText('Failed');
    await snap(page, 'phones-05-phone-full');
    expect(galaxy.listDir(DESTINATION).some((f) => f.endsWith('.part'))).toBe(false);
  } finally {
    galaxy.faults.freeBytes = 8 * 1024 ** 3;
  }
  await phones.card(cable.serial).getByRole('checkbox').check();
});

test('opens the deck in a phone’s browser and shows the address', async () => {
  await page.getByTestId('send-progress').getByRole('button', { name: 'Close' }).click();
  await phones.card(galaxy.serial).getByRole('button', { name: 'Open on this phone' }).click();
  const opened = page.getByTestId('opened-on-phone');
  const url = `http://localhost:${setup.phonePort}/phone/${deckId}`;
  await expect(opened).toContainText('Opened on Galaxy A14');
  await expect(opened).toContainText(url);
  expect(galaxy.amLog.at(-1)?.join(' ')).toContain(url);
  await snap(page, 'phones-06-opened');
});

test('a phone unplugged disappears from the list', async () => {
  await setup.adb.detach(galaxy);
  await expect(phones.card(galaxy.serial)).toHaveCount(0);
  await expect(phones.cards()).toHaveCount(1);
});

test('settings: refuses a bad package name in words, and shows which adb runs and how to change it', async () => {
  let dialog = await phones.openSettings();
  await expect(dialog.getByLabel('Folder on the phone')).toHaveValue('/sdcard/Android/data/{package}/files/magritte/{deck}/');
  await dialog.getByLabel('App package').fill('not a package');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('"not a package" is not an Android package name.');
  await snap(page, 'phones-07-settings');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The page cannot name the program the studio runs: it shows which one, and how to change it.
  dialog = await phones.openSettings();
  const adb = dialog.getByTestId('adb-program');
  const onPath = execFileSync('sh', ['-c', 'command -v adb'], { encoding: 'utf8' }).trim();
  await expect(adb.getByTestId('adb-path')).toHaveText(`Using ${onPath} (found on this computer)`);
  await expect(adb.getByTestId('adb-how-to-change')).toHaveText(
    'To use another adb, stop the studio and start it again with npm run serve -- --adb /full/path/to/adb.',
  );
  await expect(dialog.getByRole('textbox', { name: /adb/ })).toHaveCount(0);
  await snap(page, 'phones-08-adb-program');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(phones.card(cable.serial).getByTestId('phone-state')).toHaveText('Ready');
});

test('a deck never exported says so instead of offering to send', async () => {
  await phones.goto(vegetablesId);
  await expect(page.getByTestId('not-exported')).toContainText('“Vegetables” has not been exported yet');
  await expect(phones.sendButton()).toBeDisabled();
  await expect(page.getByText('Nothing sent from this deck yet.')).toBeVisible();
});
