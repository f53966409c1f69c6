import path from 'node:path';
import type { BaseModelInfo } from '../../shared/api/training';
import { locationText, shapeText } from '../../shared/base-model-wording';
import { StudioError } from '../../shared/errors';
import type { CliCommand, CliRunArgs } from '../command';
import { positional, stringOption } from '../cli-helpers';

const USAGE = 'base-models list [--json] | base-models import <folder> --feature-layer NAME [--id ID] [--name NAME] [--json]';

function describeModel(m: BaseModelInfo): string {
  const lines = [`${m.id}: ${m.name} (${m.source === 'imported' ? 'imported' : 'built in'}, ${locationText(m)})`, `    ${shapeText(m)}`];
  if (m.dir) lines.push(`    Folder: ${m.dir}`);
  return lines.join('\n');
}

async function list({ values, core, io }: CliRunArgs): Promise<number> {
  const models = await core.api.listBaseModels();
  if (values.json) io.out(`${JSON.stringify(models, null, 2)}\n`);
  else io.out(`${models.map(describeModel).join('\n')}\n`);
  return 0;
}

async function importFolder({ positionals, values, core, io }: CliRunArgs): Promise<number> {
  const folder = positional(positionals, 1, 'the folder holding model.json', USAGE);
  const featureLayer = stringOption(values, 'feature-layer');
  if (!featureLayer) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      'Importing a base model needs the name of the layer whose output becomes the features.',
      'Add --feature-layer NAME (for MobileNet v1: conv_pw_13_relu).',
    );
  }
  const info = await core.api.importBaseModel({
    dir: path.resolve(folder),
    featureLayer,
    id: stringOption(values, 'id'),
    name: stringOption(values, 'name'),
  });
  if (values.json) io.out(`${JSON.stringify(info, null, 2)}\n`);
  else io.out(`Imported base model "${info.id}".\n${describeModel(info)}\n`);
  return 0;
}

/** `magritte base-models list|import`: what the Train tab's "Base models" section offers. */
export const baseModelsCommand: CliCommand = {
  name: 'base-models',
  summary: 'List the base models (where each is, what it gives), or import a TF.js layers model from a folder.',
  usage: USAGE,
  options: { json: { type: 'boolean' }, 'feature-layer': { type: 'string' }, id: { type: 'string' }, name: { type: 'string' } },
  async run(args) {
    const verb = positional(args.positionals, 0, 'what to do ("list" or "import")', USAGE);
    if (verb === 'list') return list(args);
    if (verb === 'import') return importFolder(args);
    throw new StudioError('INVALID_ARGUMENT', `"${verb}" is not something base-models can do.`, `Usage: magritte ${USAGE}`);
  },
};
