import path from 'node:path';
import type { DoctorReport } from '../../shared/api/doctor';
import { findingTitle } from '../../shared/doctor-wording';
import type { CliCommand } from '../command';
import { followJob, positional, stringOption } from '../cli-helpers';
import { chooseDeck } from './train-common';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check a deck for photos that would spoil a model: copies, blurry, dark or tiny photos, likely wrong words, too-small words.',
  usage: 'doctor <dir> [--deck NAME] [--json]',
  options: { deck: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await chooseDeck(core, stringOption(values, 'deck'));
    const { jobId } = await core.api.startDoctor({ deckId: deck.id });
    const report = (await followJob(core, jobId, io)) as DoctorReport;
    if (values.json) {
      const findings = report.findings.map((f) => ({
        kind: f.kind,
        photos: f.photos.map((p) => ({ id: p.id, file: p.file, classKey: p.classKey })),
        ...(f.suggestedClassKey !== undefined ? { suggestedClassKey: f.suggestedClassKey } : {}),
        score: f.score,
      }));
      io.out(`${JSON.stringify({ findings })}\n`);
      return 0;
    }
    const lines = [`Deck "${deck.name}": ${report.photoCount} photos checked, ${report.findings.length} things to look at.`];
    for (const f of report.findings) {
      lines.push(`- ${findingTitle(f)} (${f.kind}, score ${f.score.toFixed(2)})`);
      for (const p of f.photos.slice(0, 8)) lines.push(`    ${p.classKey}/${p.file} (photo ${p.id})`);
      if (f.photos.length > 8) lines.push(`    … and ${f.photos.length - 8} more`);
    }
    if (report.kept > 0) lines.push(`${report.kept} kept as they are (not shown).`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
