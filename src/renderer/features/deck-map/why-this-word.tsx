import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SimilarPhotos } from '../../../shared/api/deck-map';
import type { LanguageCode } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { BACKGROUND_NAME } from '../../../shared/background';
import { wordIn } from '../../ml/ranking';

interface Props {
  answer: SimilarPhotos;
  language: LanguageCode;
  /** Thumbnail side in pixels. */
  size?: number;
}

/**
 * "Why this word?": the deck's photos that look most like the one judged, for the word the model
 * said and for the runner-up. A teacher sees what the model compared with (often a photo filed
 * under the wrong word, or a background the photos of one word share).
 */
export function WhyThisWord({ answer, language, size = 72 }: Props) {
  const { transport } = useStudio();
  return (
    <Stack spacing={1.25} data-testid="why-view">
      <Typography variant="body2" color="text.secondary">
        The model picks the word whose photos look most like this one. The closest photos of the deck:
      </Typography>
      {answer.groups.map((g, i) => (
        <Box key={g.classKey} data-testid="why-group" data-key={g.classKey}>
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {i === 0 ? 'Its answer' : 'Next best'}:{' '}
            <b data-testid="why-word">{g.background ? BACKGROUND_NAME : wordIn({ key: g.classKey, words: g.words }, language).text}</b>
          </Typography>
          <Stack direction="row" spacing={0.75} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {g.photos.map((p) => (
              <Box key={p.photoId} sx={{ width: size, textAlign: 'center' }}>
                <img
                  src={transport.mediaUrl('thumb', p.sha256)}
                  alt={`A photo of ${g.background ? BACKGROUND_NAME : g.classKey}, ${Math.round(p.similarity * 100)}% alike`}
                  title={`${Math.round(p.similarity * 100)}% alike`}
                  data-testid="why-photo"
                  data-photo-id={p.photoId}
                  style={{ width: size, height: size, objectFit: 'cover', borderRadius: 6, display: 'block' }}
                />
                <Typography variant="caption" color="text.secondary">
                  {Math.round(p.similarity * 100)}%
                </Typography>
              </Box>
            ))}
            {g.photos.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No photos of this word to compare with.
              </Typography>
            ) : null}
          </Stack>
        </Box>
      ))}
      {answer.notCompared > 0 ? (
        <Typography variant="caption" color="text.secondary">
          {answer.notCompared} newer {answer.notCompared === 1 ? 'photo was' : 'photos were'} not compared: train again to include them.
        </Typography>
      ) : null}
    </Stack>
  );
}

interface DialogProps {
  /** What the dialog is about, e.g. "Why “pomme”?"; null keeps it closed. */
  title: string | null;
  /** The photo judged. */
  photoUrl?: string;
  language: LanguageCode;
  /** Fetches the answer when the dialog opens. */
  load(): Promise<SimilarPhotos>;
  onClose(): void;
}

/** The same view in a dialog, for screens whose cards are too small to hold it. */
export function WhyDialog({ title, photoUrl, language, load, onClose }: DialogProps) {
  const [answer, setAnswer] = useState<SimilarPhotos | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = title !== null;
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setAnswer(null);
    setError(null);
    load().then(
      (a) => !cancelled && setAnswer(a),
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
    // `load` changes with every render of the caller; the dialog asks once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, title]);

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="why-title">
      <DialogTitle id="why-title">{title}</DialogTitle>
      <DialogContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          {photoUrl ? (
            <img src={photoUrl} alt="The photo judged" style={{ width: 140, height: 140, objectFit: 'cover', borderRadius: 8, flexShrink: 0 }} />
          ) : null}
          <Box sx={{ flex: 1, minWidth: 0 }}>
            {error ? (
              <ErrorAlert error={error} />
            ) : answer ? (
              <WhyThisWord answer={answer} language={language} />
            ) : (
              <CircularProgress size={24} aria-label="Looking for similar photos" />
            )}
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
