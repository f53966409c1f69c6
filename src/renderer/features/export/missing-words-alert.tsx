import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { MissingWord } from '../../../shared/api/export';
import type { LanguageCode } from '../../../shared/domain';
import { routeHash } from '../../app/route';
import { languageName } from '../projects/languages';
import { missingLines } from './wording';

interface Props {
  missing: MissingWord[];
  /** The chosen languages, in the project's order. */
  languages: LanguageCode[];
  deckId: number;
}

/**
 * The words an export would go out without, one line per language, with a way to the Photos tab
 * where each gap is marked "missing: click to add".
 */
export function MissingWordsAlert({ missing, languages, deckId }: Props) {
  const lines = missingLines(missing, languages, languageName);
  const decks = [...new Map(missing.map((m) => [m.deckId, m.deckName])).entries()]
    // This deck first: that is where the teacher most likely wants to go.
    .sort(([a], [b]) => Number(b === deckId) - Number(a === deckId));
  const n = missing.length;
  return (
    <Alert severity="warning" data-testid="missing-words" role="alert">
      <AlertTitle>{n === 1 ? 'A word is missing' : `${n} words are missing`}: the model would go out without {n === 1 ? 'it' : 'them'}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {lines.map((l) => (
          <li key={l.language} data-testid="missing-line" data-language={l.language}>{l.text}</li>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap' }}>
        {decks.map(([id, name]) => (
          <Button key={id} variant="outlined" color="inherit" size="small" href={routeHash({ deckId: id, tab: 'photos' })}>
            {id === deckId ? 'Go to Photos to fill them' : `Open the Photos of ${name}`}
          </Button>
        ))}
      </Stack>
      <Box sx={{ mt: 1, typography: 'body2' }}>Or leave that language out of this export.</Box>
    </Alert>
  );
}
