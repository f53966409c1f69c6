import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { MissingWord } from '../../../shared/api/export';
import type { LanguageCode } from '../../../shared/domain';
import { wordFocusHash } from '../../app/route';
import { languageName } from '../projects/languages';
import { missingLines } from './wording';

interface Props {
  missing: MissingWord[];
  /** The chosen languages, in the project's order. */
  languages: LanguageCode[];
  deckId: number;
}

/**
 * The words missing in the chosen languages, one line per language, and why Export waits; each
 * button opens the Photos tab on the deck's first missing word, ready to type it.
 */
export function MissingWordsAlert({ missing, languages, deckId }: Props) {
  const lines = missingLines(missing, languages, languageName);
  const decks = [...new Map(missing.map((m) => [m.deckId, m.deckName])).entries()]
    // This deck first: that is where the teacher most likely wants to go.
    .sort(([a], [b]) => Number(b === deckId) - Number(a === deckId));
  const n = missing.length;
  return (
    <Alert severity="warning" data-testid="missing-words" role="alert">
      <AlertTitle>
        {n === 1 ? 'A word is missing' : `${n} words are missing`}: Export waits until {n === 1 ? 'it is' : 'they are'} written, so no phone shows an
        empty word
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {lines.map((l) => (
          <li key={l.language} data-testid="missing-line" data-language={l.language}>
            {l.text}
          </li>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap' }}>
        {decks.map(([id, name]) => {
          // The first gap in the order the teacher sees them: by language chosen, then by word.
          const first =
            languages.map((l) => missing.find((m) => m.deckId === id && m.language === l)).find((m) => m !== undefined) ??
            missing.find((m) => m.deckId === id)!;
          return (
            <Button
              key={id}
              variant="outlined"
              color="inherit"
              size="small"
              href={wordFocusHash(id, { classId: first.classId, language: first.language })}
              data-testid="fill-missing"
            >
              {id === deckId ? `Go to Photos to fill them (first: “${first.classKey}”)` : `Open the Photos of ${name}`}
            </Button>
          );
        })}
      </Stack>
      <Box sx={{ mt: 1, typography: 'body2' }}>Or leave that language out of this export.</Box>
    </Alert>
  );
}
