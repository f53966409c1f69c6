import { useEffect, useState } from 'react';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';

/**
 * A quiet line beside the deck's name while the studio gets its photos ready for training in the
 * background ("Getting photos ready for training: 120 of 240"), then "Ready to train". Never a
 * dialog, never an alarm: photos that could not be read were already reported by their import.
 */
export function PreparationLine({ deckId }: { deckId: number }) {
  const { client } = useStudio();
  const [jobId, setJobId] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const job = useJob(jobId);

  useEffect(() => {
    setJobId(null);
    setReady(false);
    let live = true;
    client.getTrainingPreparation({ deckId }).then(
      (s) => live && s.state === 'running' && setJobId(s.jobId),
      // Only a status line: a deck just deleted or a project just closed simply shows none.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, deckId]);
  useStudioEvent('training.preparing', (e) => {
    if (e.deckId !== deckId) return;
    setJobId(e.jobId);
    setReady(false);
  });
  useStudioEvent('training.prepared', (e) => {
    if (e.deckId !== deckId) return;
    setJobId(null);
    setReady(e.photos > 0 && e.ready === e.photos);
  });
  useStudioEvent('photos.changed', (e) => e.deckId === deckId && setReady(false));

  const running = job?.state === 'running';
  if (!running && !ready) return null;
  const done = job?.progress?.done ?? 0;
  const total = job?.progress?.total ?? 0;
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', color: 'text.secondary', ml: 'auto', pl: 2 }}
      role="status"
      data-testid="training-preparation"
    >
      {running ? (
        <CircularProgress
          size={14}
          thickness={5}
          variant={total > 0 ? 'determinate' : 'indeterminate'}
          value={total > 0 ? (100 * done) / total : undefined}
          aria-hidden
        />
      ) : (
        <CheckIcon fontSize="small" color="success" aria-hidden />
      )}
      <Typography variant="body2" noWrap>
        {running ? (total > 0 ? `Getting photos ready for training: ${done} of ${total}` : 'Getting photos ready for training…') : 'Ready to train'}
      </Typography>
    </Stack>
  );
}
