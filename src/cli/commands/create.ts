import path from 'node:path';
import type { CliCommand } from '../command';
import { positional, stringOption } from '../cli-helpers';

export const createCommand: CliCommand = {
  name: 'create',
  summary: 'Create a project folder.',
  usage: 'create <dir> --name NAME --langs en,fr,es   (first language: yours; the rest: what pupils learn)',
  options: { name: { type: 'string' }, langs: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = path.resolve(positional(positionals, 0, 'the project folder', this.usage));
    const name = stringOption(values, 'name') ?? path.basename(dir).replace(/\.magritte$/i, '');
    const languages = (stringOption(values, 'langs') ?? 'en').split(',').map((l) => l.trim()).filter((l) => l.length > 0);
    const info = await core.context.session.create({ name, languages, dir });
    if (values.json) io.out(`${JSON.stringify(info, null, 2)}\n`);
    else io.out(`Created project "${info.name}" in ${info.dir} (languages: ${[info.sourceLanguage, ...info.targetLanguages].join(', ')}).\n`);
    return 0;
  },
};
