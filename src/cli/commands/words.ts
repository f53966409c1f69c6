import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors';
import type { CliCommand } from '../command';
import { deckByName, positional, stringOption } from '../cli-helpers';

export const wordsCommand: CliCommand = {
  name: 'words',
  summary: "Fill a deck's words from a CSV word list (header: key,<lang>,<lang>...).",
  usage: 'words <dir> --deck NAME --csv FILE [--json]',
  options: { deck: { type: 'string' }, csv: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    const deckName = stringOption(values, 'deck');
    const file = stringOption(values, 'csv');
    if (!deckName || !file) throw new StudioError('INVALID_ARGUMENT', 'Both --deck and --csv are needed.', `Usage: magritte ${this.usage}`);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.resolve(file));
    } catch {
      throw new StudioError('FILE_NOT_FOUND', `Cannot read the word list ${file}.`, 'Check the file name.');
    }
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new StudioError(
        'CSV_MALFORMED',
        'The word list is not saved as UTF-8 text.',
        'In your spreadsheet choose "Save as" > "CSV UTF-8", then try again.',
      );
    }
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await deckByName(core, deckName, true);
    const result = await core.api.importWordsCsv({ deckId: deck.id, csv });
    if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const added = result.languagesAdded.length > 0 ? `; languages added: ${result.languagesAdded.join(', ')}` : '';
      io.out(`Deck "${deck.name}": ${result.updated} classes updated, ${result.created} created${added}.\n`);
    }
    return 0;
  },
};
