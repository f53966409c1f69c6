import path from 'node:path';
import { StudioError } from '../../shared/errors';
import type { StudioCore } from '../../core/index';
import type { CliCommand } from '../command';
import { positional, stringOption } from '../cli-helpers';

/** Checks `--base` before anything is written, so a typo never leaves a half-made project behind. */
async function requireKnownBaseModel(core: StudioCore, id: string): Promise<string> {
  const known = await core.api.listBaseModels();
  const found = known.find((m) => m.id === id) ?? known.find((m) => m.id.toLowerCase() === id.toLowerCase());
  if (found) return found.id;
  throw new StudioError(
    'MODEL_NOT_FOUND',
    `The studio does not know a base model called "${id}".`,
    `Use one of: ${known.map((m) => m.id).join(', ')} (or import yours first with the Train screen's "Import from a folder").`,
  );
}

export const createCommand: CliCommand = {
  name: 'create',
  summary: 'Create a project folder (--base: the base model its decks train on; default: mobilenet_v1_0.25_224).',
  usage: 'create <dir> --name NAME --langs en,fr,es [--base ID]   (first language: yours; the rest: what pupils learn)',
  options: { name: { type: 'string' }, langs: { type: 'string' }, base: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = path.resolve(positional(positionals, 0, 'the project folder', this.usage));
    const name = stringOption(values, 'name') ?? path.basename(dir).replace(/\.magritte$/i, '');
    const languages = (stringOption(values, 'langs') ?? 'en')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    const baseOption = stringOption(values, 'base');
    const baseModelId = baseOption === undefined ? undefined : await requireKnownBaseModel(core, baseOption.trim());
    const info = await core.context.session.create({ name, languages, dir });
    // Without deckId this is the project's default: every deck without its own choice trains on it.
    const training = baseModelId ? await core.api.setTrainingConfig({ baseModelId }) : await core.api.getTrainingConfig({});
    if (values.json) io.out(`${JSON.stringify({ ...info, baseModelId: training.baseModelId }, null, 2)}\n`);
    else {
      io.out(
        `Created project "${info.name}" in ${info.dir} (languages: ${[info.sourceLanguage, ...info.targetLanguages].join(', ')}; ` +
          `base model: ${training.baseModelId}).\n`,
      );
    }
    return 0;
  },
};
