import path from 'node:path';
import type { ImportReport } from '../../shared/domain';
import { LINK_OUTSIDE, linksSkippedText } from '../../shared/import-refusals';
import type { CliCommand } from '../command';
import { deckByName, followJob, positional, stringOption } from '../cli-helpers';

function summary(r: ImportReport, deck: string): string {
  const lines = [
    `Deck "${deck}": ${r.imported} imported, ${r.duplicates} already there, ${r.refused.length} refused${r.cancelled ? ' (cancelled)' : ''}.`,
  ];
  if (r.classesCreated.length > 0) lines.push(`New classes: ${r.classesCreated.join(', ')}`);
  const links = r.refused.filter((f) => f.code === LINK_OUTSIDE).length;
  if (links > 0) lines.push(`${linksSkippedText(links)}.`);
  for (const f of r.refused) lines.push(`  refused ${f.file}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import photos from a folder of class folders (Apple/, Orange/, ...).',
  usage: 'import <dir> <folder>... [--deck NAME] [--class KEY] [--json]',
  options: { deck: { type: 'string' }, class: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    positional(positionals, 1, 'the folder to import', this.usage);
    const folders = positionals.slice(1).map((f) => path.resolve(f));
    await core.api.openProject({ dir: path.resolve(dir) });
    const deckName = stringOption(values, 'deck') ?? path.basename(folders[0]);
    const deck = await deckByName(core, deckName, true);
    let classId: number | undefined;
    const classKey = stringOption(values, 'class');
    if (classKey) {
      const existing = (await core.api.listClasses({ deckId: deck.id })).find((c) => c.key.toLowerCase() === classKey.toLowerCase());
      classId = existing?.id ?? (await core.api.createClass({ deckId: deck.id, key: classKey })).id;
    }
    const { jobId } = await core.api.startImport({ deckId: deck.id, classId, sources: folders.map((p) => ({ path: p })) });
    // Ctrl-C cancels between files and still prints what was done.
    const onSigint = () => void core.api.cancelJob({ jobId });
    process.once('SIGINT', onSigint);
    try {
      const report = (await followJob(core, jobId, io)) as ImportReport;
      io.out(values.json ? `${JSON.stringify({ deck: deck.name, deckId: deck.id, ...report }, null, 2)}\n` : summary(report, deck.name));
    } finally {
      process.off('SIGINT', onSigint);
    }
    return 0;
  },
};
