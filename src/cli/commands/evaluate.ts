import path from 'node:path';
import type { FolderEvaluation } from '../../shared/api/training';
import { StudioError } from '../../shared/errors';
import type { CliCommand } from '../command';
import { followJob, positional, stringOption } from '../cli-helpers';
import { chooseDeck, numberOption, percent } from './train-common';

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: "Run a deck's current model on a folder of class subfolders and report accuracy and confusions.",
  usage: 'evaluate <dir> <folder> [--deck NAME] [--version N] [--json]',
  options: { deck: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    const folder = path.resolve(positional(positionals, 1, 'the folder of class subfolders', this.usage));
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await chooseDeck(core, stringOption(values, 'deck'));
    const number = numberOption(values, 'version');
    let versionId: number | undefined;
    if (number !== undefined) {
      const found = (await core.api.listModelVersions({ deckId: deck.id })).find((v) => v.number === number);
      if (!found) throw new StudioError('MODEL_NOT_FOUND', `Deck "${deck.name}" has no version ${number}.`, 'See the versions with "magritte info".');
      versionId = found.id;
    }
    const { jobId } = await core.api.startEvaluation({ deckId: deck.id, versionId, dir: folder });
    const r = (await followJob(core, jobId, io)) as FolderEvaluation;
    if (values.json) {
      const { accuracy, perClass, confusion, labels, n } = r;
      io.out(`${JSON.stringify({ accuracy, perClass, confusion, labels, n, unmatchedFolders: r.unmatchedFolders, failed: r.failed })}\n`);
      return 0;
    }
    const lines = [`Deck "${deck.name}": ${percent(r.accuracy)} of ${r.n} photos recognised.`];
    for (const l of r.labels) lines.push(`  ${l.padEnd(16)} ${percent(r.perClass[l] ?? null)}`);
    lines.push('Confusion (rows: true class, columns: predicted):');
    lines.push(`  ${''.padEnd(16)} ${r.labels.map((l) => l.slice(0, 6).padStart(6)).join(' ')}`);
    r.confusion.forEach((row, i) => lines.push(`  ${r.labels[i].padEnd(16)} ${row.map((c) => String(c).padStart(6)).join(' ')}`));
    if (r.unmatchedFolders.length > 0) lines.push(`Folders matching no class (skipped): ${r.unmatchedFolders.join(', ')}`);
    for (const f of r.failed) lines.push(`  could not read ${f.path}: ${f.reason}`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
