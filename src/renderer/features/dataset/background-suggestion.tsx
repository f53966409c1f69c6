import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import QuietIcon from '@mui/icons-material/DoNotDisturbOnOutlined';
import { BACKGROUND_NAME } from '../../../shared/background';
import type { DeckClass } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { useUndo } from '../../components/undo-provider';

interface Props {
  deckId: number;
  classes: readonly DeckClass[];
  /** Called with the new (or newly marked) class. */
  onAdded(cls: DeckClass): void;
  dense?: boolean;
}

/**
 * A gentle suggestion, shown while a deck with words has no "Nothing I know": without one, the
 * model must name one of the words even when it sees the empty desk. One click adds it; "Not now"
 * puts it aside for this deck, kept with the project (undo brings it back).
 */
export function BackgroundSuggestion({ deckId, classes, onAdded, dense = false }: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const history = useUndo();
  const [adding, setAdding] = useState(false);
  // Unknown until the project says: shown only then, so a put-aside card never flashes up.
  const [hidden, setHidden] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    setHidden(null);
    client.listHiddenHints({ deckId }).then(
      (hints) => live && setHidden(hints.includes('background')),
      (e: unknown) => live && notices.showError(e),
    );
    return () => {
      live = false;
    };
  }, [client, deckId, notices]);

  if (hidden !== false || classes.length === 0 || classes.some((c) => c.background)) return null;
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
  const setAside = async (hide: boolean) => {
    await client.setHintHidden({ deckId, hint: 'background', hidden: hide });
    setHidden(hide);
  };
  const notNow = async () => {
    try {
      await setAside(true);
      history.record({
        label: `“${BACKGROUND_NAME}” put aside for this deck (any word’s menu can still make it)`,
        undo: () => setAside(false),
        redo: () => setAside(true),
      });
    } catch (e) {
      notices.showError(e);
    }
  };
  return (
    <Paper variant="outlined" data-testid="background-suggestion" sx={{ p: dense ? 1.5 : 2, bgcolor: 'background.default', borderStyle: 'dashed' }}>
      <Stack direction="row" spacing={dense ? 1 : 1.5} sx={{ alignItems: 'flex-start' }}>
        <QuietIcon sx={{ color: 'text.secondary', mt: 0.25 }} />
        <Stack spacing={1} sx={{ flex: 1, minWidth: 0, alignItems: 'flex-start' }}>
          {/* Wraps rather than cuts: the word list is narrow, and the title is the whole point. */}
          <Typography
            variant="subtitle1"
            component="h3"
            sx={{ fontWeight: 700, lineHeight: 1.3, overflowWrap: 'anywhere' }}
            data-testid="background-suggestion-title"
          >
            Add a “{BACKGROUND_NAME}” word
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Photos of the empty desk, the classroom and hands help the model stay quiet when it sees none of your words, instead of guessing one.
          </Typography>
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
            <Button size="small" variant="outlined" onClick={() => void add()} disabled={adding}>
              Add “{BACKGROUND_NAME}”
            </Button>
            <Button size="small" color="inherit" onClick={() => void notNow()} disabled={adding}>
              Not now
            </Button>
          </Stack>
        </Stack>
      </Stack>
    </Paper>
  );
}
