import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { LanguageCode } from '../../../shared/domain';
import { ErrorAlert } from '../../components/error-alert';
import { languageName } from '../projects/languages';

interface Props {
  open: boolean;
  languages: LanguageCode[];
  onClose(): void;
  /** Throws to keep the dialog open with the error. */
  onCreate(key: string, words: Record<LanguageCode, string>): Promise<void>;
}

/** A new class: its short name, and its word in each language (any can be left for later). */
export function AddClassDialog({ open, languages, onClose, onCreate }: Props) {
  const [key, setKey] = useState('');
  const [words, setWords] = useState<Record<LanguageCode, string>>({});
  // The teacher's own word usually is the short name: fill it in until they type their own.
  const [ownWordTouched, setOwnWordTouched] = useState(false);
  const own = languages[0];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setKey('');
      setWords({});
      setOwnWordTouched(false);
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    if (!key.trim()) return;
    setBusy(true);
    try {
      const filled = Object.fromEntries(
        Object.entries(words)
          .map(([l, w]): [string, string] => [l, w.trim()])
          .filter(([, w]) => w),
      );
      await onCreate(key.trim(), filled);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="add-class-title">
      <DialogTitle id="add-class-title">Add a word</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label="Short name"
            value={key}
            autoFocus
            helperText="Used for folder and file names, e.g. “apple”. A folder with this name fills this word with photos."
            onChange={(e) => {
              setKey(e.target.value);
              if (!ownWordTouched && own) setWords({ ...words, [own]: e.target.value });
            }}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
          />
          {languages.map((lang) => (
            <TextField
              key={lang}
              label={`Word in ${languageName(lang)}`}
              value={words[lang] ?? ''}
              onChange={(e) => {
                if (lang === own) setOwnWordTouched(true);
                setWords({ ...words, [lang]: e.target.value });
              }}
              onKeyDown={(e) => e.key === 'Enter' && void submit()}
            />
          ))}
          {error ? <ErrorAlert error={error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!key.trim() || busy} onClick={() => void submit()}>
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}
