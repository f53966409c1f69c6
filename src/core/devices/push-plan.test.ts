import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_SETTINGS, DeviceSettingsStore } from './device-settings';
import { buildPushPlan, deckFolderName, phoneDestination } from './push-plan';

describe('push plan', () => {
  it('names the phone folder after the deck, safely', () => {
    expect(deckFolderName('Fruits')).toBe('Fruits');
    expect(deckFolderName("Les fruits d'été")).toBe('Les_fruits_d_été');
    expect(deckFolderName('../../etc')).toBe('etc');
    expect(deckFolderName('///')).toBe('deck');
    expect(phoneDestination(DEFAULT_DEVICE_SETTINGS, 'Fruits')).toBe('/sdcard/Android/data/org.magritte.app/files/magritte/Fruits');
  });

  it('hashes every file but hidden ones and the export zip, and stages beside the destination', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-plan-'));
    try {
      fs.mkdirSync(path.join(dir, 'tfjs'));
      fs.writeFileSync(path.join(dir, 'model.tflite'), 'abc');
      fs.writeFileSync(path.join(dir, 'tfjs', 'model.json'), '{}');
      fs.writeFileSync(path.join(dir, '.DS_Store'), 'x');
      fs.writeFileSync(path.join(dir, 'Fruits.zip'), 'zip of the same files');
      const plan = await buildPushPlan(dir, 'Fruits', DEFAULT_DEVICE_SETTINGS);
      expect(plan.files.map((f) => f.rel)).toEqual(['model.tflite', 'tfjs/model.json']);
      expect(plan.files[0].sha256).toBe(createHash('sha256').update('abc').digest('hex'));
      expect(plan.totalBytes).toBe(5);
      expect(plan.staging).toBe('/sdcard/Android/data/org.magritte.app/files/magritte/.incoming-Fruits');
      await expect(buildPushPlan(path.join(dir, 'nope'), 'Fruits', DEFAULT_DEVICE_SETTINGS)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps settings, refusing values that would not be safe in a phone command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-settings-'));
    try {
      const store = new DeviceSettingsStore(dir);
      expect(store.get()).toEqual(DEFAULT_DEVICE_SETTINGS);
      store.update({ appPackage: 'org.school.words', reloadAction: 'org.school.words.RELOAD' });
      expect(new DeviceSettingsStore(dir).get()).toMatchObject({ appPackage: 'org.school.words', reloadAction: 'org.school.words.RELOAD' });
      expect(() => store.update({ appPackage: 'x; rm -rf /' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      expect(() => store.update({ destinationTemplate: '/sdcard/no-deck/' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
