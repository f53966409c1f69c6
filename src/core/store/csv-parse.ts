import { StudioError } from '../../shared/errors';

export interface CsvRecord {
  /** 1-based line on which the record starts (as a text editor counts). */
  line: number;
  fields: string[];
}

export function csvError(line: number, what: string): StudioError {
  return new StudioError(
    'CSV_MALFORMED',
    `The word list is not valid CSV: line ${line} ${what}.`,
    `Fix line ${line} in your spreadsheet, save it again as CSV (UTF-8) and import it again.`,
    {
      line,
    },
  );
}

/** Spreadsheets in some countries save with ";" (or tabs): take whichever the header uses. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  for (const d of [',', ';', '\t']) if (firstLine.includes(d)) return d;
  return ',';
}

/**
 * Parses CSV as spreadsheets write it: optional UTF-8 BOM, CRLF/LF/CR line ends, quoted fields
 * with "" escapes and line breaks inside quotes. Blank lines are dropped.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delim = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let endOfRecord = false;
    while (i < text.length && !endOfRecord) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          const after = text[i];
          if (after !== undefined && after !== delim && after !== '\r' && after !== '\n') {
            throw csvError(line, `has text right after a closing quote (near "${field.slice(-20)}")`);
          }
          continue;
        }
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
        i++;
      } else if (ch === '"') {
        if (field.trim().length > 0) throw csvError(line, `has a quote (") in the middle of a value ("${field.trim()}")`);
        field = '';
        quoted = true;
        i++;
      } else if (ch === delim) {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        field += ch;
        i++;
      }
    }
    if (quoted) throw csvError(start, 'opens a quote (") that is never closed');
    fields.push(field);
    if (fields.some((f) => f.trim().length > 0)) records.push({ line: start, fields });
  }
  return records;
}
