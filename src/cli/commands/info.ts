import path from 'node:path';
import type { CliCommand } from '../command';
import { positional } from '../cli-helpers';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show a project: languages, decks, classes with their words and photo counts.',
  usage: 'info <dir> [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    const project = await core.api.openProject({ dir: path.resolve(dir) });
    const decks = [];
    for (const deck of await core.api.listDecks()) {
      const classes = (await core.api.listClasses({ deckId: deck.id })).map((c) => ({ key: c.key, words: c.words, photoCount: c.photoCount }));
      decks.push({ id: deck.id, name: deck.name, photoCount: deck.photoCount, classes });
    }
    if (values.json) {
      io.out(`${JSON.stringify({ project, decks }, null, 2)}\n`);
      return 0;
    }
    const langs = [project.sourceLanguage, ...project.targetLanguages];
    const lines = [`${project.name} (${project.dir})`, `Languages: ${langs.join(', ')}`];
    for (const d of decks) {
      lines.push(`Deck "${d.name}": ${d.classes.length} classes, ${d.photoCount} photos`);
      for (const c of d.classes) {
        const words = langs.map((l) => `${l}=${c.words[l] ?? '?'}`).join(' ');
        lines.push(`  ${c.key.padEnd(16)} ${String(c.photoCount).padStart(5)} photos  ${words}`);
      }
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
