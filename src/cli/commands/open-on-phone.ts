import path from 'node:path';
import { phonePort } from '../../core/phone-page/phone-port';
import { StudioError } from '../../shared/errors';
import type { CliCommand } from '../command';
import { positional, stringOption, ADB_OPTION } from '../cli-helpers';
import { chooseDeck } from './push';

export const openOnPhoneCommand: CliCommand = {
  name: 'open-on-phone',
  summary: "Open the deck's phone page (camera + words) in the phone's browser, over USB; nothing to install.",
  usage: 'open-on-phone <dir> [--deck NAME] [--device SERIAL] [--port N] [--adb PATH]',
  options: { deck: { type: 'string' }, device: { type: 'string' }, port: { type: 'string' }, ...ADB_OPTION },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    // --port, else where the core serves the phone page anyway (MAGRITTE_PHONE_PORT or its default).
    const portText = stringOption(values, 'port') ?? String(phonePort());
    const port = Number(portText);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new StudioError('INVALID_ARGUMENT', `"${portText}" is not a port number.`, 'Give --port a number such as 8427.');
    }
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await chooseDeck(core, stringOption(values, 'deck'));
    const opened = await core.api.openOnPhone({ deckId: deck.id, port, serial: stringOption(values, 'device') });
    io.out(`Opened ${opened.url} on ${opened.serial}. The phone reaches this computer's port ${port} through USB.\n`);
    io.out('Serving the page to the phone. Once it says "Saved on this phone" it works without the cable. Press Ctrl+C to stop.\n');
    // The phone page is served by this process: stay up until the teacher stops us.
    await (io.untilStopped ?? untilSignalled)();
    return 0;
  },
};

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
