import { useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import QuietIcon from '@mui/icons-material/DoNotDisturbOnOutlined';
import { BACKGROUND_NAME } from '../../../shared/background';
import type { DeckClass } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';

interface Props {
  deckId: number;
  classes: readonly DeckClass[];
  /** Called with the new (or newly marked) class. */
  onAdded(cls: DeckClass): void;
  dense?: boolean;
}

/**
 * A gentle suggestion, shown while a deck with words has no "Nothing I know": without one, the
 * model must name one of the words even when it sees the empty desk. One click adds it.
 */
export function BackgroundSuggestion({ deckId, classes, onAdded, dense = false }: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const [adding, setAdding] = useState(false);
  if (classes.length === 0 || classes.some((c) => c.background)) return null;
  const add = async () => {
    setAdding(true);
    try {
      onAdded(await client.createBackgroundClass({ deckId }));
    } catch (e) {
      notices.showError(e);
    } finally {
      setAdding(false);
    }
  };
  return (
    <Paper variant="outlined" data-testid="background-suggestion" sx={{ p: dense ? 1.5 : 2, bgcolor: 'background.default', borderStyle: 'dashed' }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <QuietIcon sx={{ color: 'text.secondary', mt: 0.25 }} />
        <Stack spacing={1} sx={{ flex: 1, minWidth: 0, alignItems: 'flex-start' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            Add a “{BACKGROUND_NAME}” word
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Photos of the empty desk, the classroom and hands help the model stay quiet when it sees none of your words, instead of guessing one.
          </Typography>
          <Button size="small" variant="outlined" onClick={() => void add()} disabled={adding}>
            Add “{BACKGROUND_NAME}”
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
