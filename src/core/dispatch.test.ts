import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../shared/envelope';
import { dispatchCall } from './dispatch';
import { testCore, type TestCore } from '../test-support/test-core';

/** What a transport would carry: the payload exactly as another program sent it. */
const call = (name: string, payload: unknown): Envelope => ({ kind: 'call', id: 7, name, payload });

describe('the dispatcher validates every request before its handler', () => {
  let t: TestCore;
  let deckId: number;
  beforeAll(async () => {
    t = await testCore();
    deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  const send = (name: string, payload: unknown) => dispatchCall(t.core.api, call(name, payload));

  it('answers BAD_REQUEST naming the field, never INTERNAL', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['renameDeck', { deckId: 1.5, name: 'x' }, 'deckId: expected a positive whole number'],
      ['renameDeck', { deckId: -3, name: 'x' }, 'deckId: expected a positive whole number'],
      ['renameDeck', { deckId: '1', name: 'x' }, 'deckId: expected a positive whole number'],
      ['renameDeck', { name: 'x' }, 'deckId: is required'],
      ['listClasses', null, 'request: expected an object, got null'],
      ['listClasses', [1], 'request: expected an object, got a list'],
      ['createDeck', { name: 'x'.repeat(5000) }, 'name: expected at most 200 characters'],
      ['movePhotos', { photoIds: [1, 'two'], classId: 1 }, 'photoIds[1]: expected a positive whole number'],
      ['startImport', { deckId, sources: [{ path: '' }] }, 'sources[0].path: expected text, got an empty one'],
      ['startExport', { deckIds: [], formats: ['tfjs'] }, 'deckIds: expected at least one item, got an empty list'],
      ['startImport', { deckId, sources: [{ path: '/x' }], source: 'usb' }, 'source: expected "import" or "camera"'],
      ['startExport', { deckIds: [deckId], formats: ['onnx'] }, 'formats[0]: expected "tfjs" or "tflite"'],
      ['getJob', { jobId: 42 }, 'jobId: expected text, got the number 42'],
      ['listDecks', { all: true }, 'request: expected nothing: this request takes no data'],
      ['openOnPhone', { deckId, port: 70000 }, 'port: expected at most 65535'],
    ];
    for (const [name, payload, field] of cases) {
      const answer = await send(name, payload);
      expect(answer, `${name} ${JSON.stringify(payload)}`).toMatchObject({ kind: 'error', id: 7, name, payload: { code: 'BAD_REQUEST' } });
      expect((answer.payload as { message: string }).message).toContain(field);
    }
  });

  it('refuses keys the contract does not have, including the adb program and prototype keys', async () => {
    const adb = await send('updateDeviceSettings', { appPackage: 'org.magritte.app', adbPath: '/tmp/evil' });
    expect(adb.payload).toMatchObject({ code: 'BAD_REQUEST', details: { problems: [{ field: 'adbPath', problem: 'is not part of this request' }] } });
    const settings = await send('getDeviceSettings', null);
    expect(settings).toMatchObject({ kind: 'reply', payload: { adbPath: null } });

    for (const raw of ['{"deckId":1,"__proto__":{"polluted":true}}', '{"deckId":1,"constructor":{"prototype":{"polluted":true}}}']) {
      const answer = await send('listClasses', JSON.parse(raw));
      expect(answer.payload).toMatchObject({ code: 'BAD_REQUEST' });
    }
    const words = await send('createClass', { deckId, key: 'apple', words: JSON.parse('{"fr":"pomme","__proto__":"x"}') });
    expect(words.payload).toMatchObject({ code: 'BAD_REQUEST' });
    expect((words.payload as { message: string }).message).toContain('words: has a key that is not a language code');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets a method without data take undefined or null only, and well-formed requests through', async () => {
    expect(await send('listDecks', undefined)).toMatchObject({ kind: 'reply', payload: [{ id: deckId, name: 'Fruits' }] });
    expect(await send('listDecks', null)).toMatchObject({ kind: 'reply' });
    expect((await send('listDecks', 0)).payload).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await send('renameDeck', { deckId, name: 'Fruit' })).toMatchObject({ kind: 'reply', payload: { id: deckId, name: 'Fruit' } });
    expect((await send('renameDeck', { deckId: 999999, name: 'x' })).payload).toMatchObject({ code: 'DECK_NOT_FOUND' });
  });

  it('holds callers inside the process (CLI, tests) to the same contract', async () => {
    const api = t.core.api as unknown as Record<string, (req: unknown) => Promise<unknown>>;
    await expect(api.listClasses(null)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('request: expected an object'),
    });
    await expect(api.updateDeviceSettings({ adbPath: '/bin/sh' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
