/**
 * Just enough of a POSIX shell parser for the command lines the studio (and adbkit) send:
 * words with '...' and "..." quoting and backslash escapes, `$?`, the list operators ; && ||,
 * and redirections to /dev/null (which are dropped). No globbing, pipes or subshells.
 */

/** A piece of a word; `expand` parts may contain `$?`. */
interface Part {
  text: string;
  expand: boolean;
}

export type Word = Part[];

export interface SimpleCommand {
  words: Word[];
  /** How this command joins the previous one. */
  op: ';' | '&&' | '||';
}

export function parseCommandLine(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let word: Word | null = null;
  let op: SimpleCommand['op'] = ';';
  const add = (text: string, expand: boolean): void => {
    word ??= [];
    const last = word[word.length - 1];
    // Merge neighbouring parts of one kind so `$` and `?` typed apart still expand together.
    if (last && last.expand === expand) last.text += text;
    else word.push({ text, expand });
  };
  const endWord = (): void => {
    if (word) words.push(word);
    word = null;
  };
  const endCommand = (next: SimpleCommand['op']): void => {
    endWord();
    if (words.length > 0) commands.push({ words: dropRedirections(words), op });
    words = [];
    op = next;
  };

  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated quote');
      add(line.slice(i + 1, end), false);
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          text += line[i + 1];
          i += 2;
        } else {
          text += line[i++];
        }
      }
      if (i >= line.length) throw new Error('unterminated quote');
      add(text, true);
      i++;
    } else if (c === '\\' && i + 1 < line.length) {
      add(line[i + 1], false);
      i += 2;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
      i++;
    } else if (line.startsWith('&&', i)) {
      endCommand('&&');
      i += 2;
    } else if (line.startsWith('||', i)) {
      endCommand('||');
      i += 2;
    } else if (c === ';') {
      endCommand(';');
      i++;
    } else {
      add(c, true);
      i++;
    }
  }
  endCommand(';');
  return commands;
}

function dropRedirections(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const raw = words[i].map((p) => p.text).join('');
    const unquoted = words[i].every((p) => p.expand);
    if (unquoted && /^[0-9]?>>?$/.test(raw)) {
      i++; // the target is the next word
      continue;
    }
    if (unquoted && /^[0-9]?>>?(&[0-9]|\S+)$/.test(raw)) continue;
    out.push(words[i]);
  }
  return out;
}

/** Joins a word's parts, replacing `$?` with the last exit status where unquoted or double-quoted. */
export function expandWord(word: Word, lastStatus: number): string {
  return word.map((p) => (p.expand ? p.text.replace(/\$\?/g, String(lastStatus)) : p.text)).join('');
}
