import { useEffect, useState } from 'react';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';

/** What the line says: nothing, photos waiting for their turn, job `jobId` computing, or all ready. */
type Phase = { kind: 'none' } | { kind: 'waiting' } | { kind: 'running'; jobId: string } | { kind: 'ready'; unreadable: number };
const NONE: Phase = { kind: 'none' };

function readyText(phase: Phase): string {
  const n = phase.kind === 'ready' ? phase.unreadable : 0;
  if (n === 0) return 'Ready to train';
  return `Ready to train, except ${n === 1 ? '1 photo that cannot be read' : `${n} photos that cannot be read`}`;
}

/**
 * A quiet line beside the deck's name while the studio gets its photos ready for training in the
 * background: "Getting photos ready for training…" from the moment photos wait for their turn,
 * "Getting photos ready for training: 120 of 240" while they are computed, then "Ready to train"
 * (never while photos are still waiting; gone once a training starts), "…, except 1 photo that
 * cannot be read" when a photo's file is damaged: it never gets ready, and saying "getting ready"
 * for ever would be untrue. Never a dialog, never an alarm.
 */
export function PreparationLine({ deckId }: { deckId: number }) {
  const { client } = useStudio();
  const [phase, setPhase] = useState<Phase>(NONE);
  const job = useJob(phase.kind === 'running' ? phase.jobId : null);

  useEffect(() => {
    setPhase(NONE);
    let live = true;
    client.getTrainingPreparation({ deckId }).then(
      (s) => {
        if (!live) return;
        // Events that arrived meanwhile are newer than this answer: they win.
        if (s.state === 'running' && s.jobId) setPhase((p) => (p.kind === 'none' ? { kind: 'running', jobId: s.jobId as string } : p));
        if (s.state === 'waiting') setPhase((p) => (p.kind === 'none' ? { kind: 'waiting' } : p));
      },
      // Only a status line: a deck just deleted or a project just closed simply shows none.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, deckId]);
  useStudioEvent('training.waiting', (e) => e.deckId === deckId && setPhase({ kind: 'waiting' }));
  useStudioEvent('training.preparing', (e) => e.deckId === deckId && setPhase({ kind: 'running', jobId: e.jobId }));
  useStudioEvent(
    'training.prepared',
    (e) => e.deckId === deckId && setPhase(e.ready > 0 && e.ready + e.unreadable === e.photos ? { kind: 'ready', unreadable: e.unreadable } : NONE),
  );
  // New, moved or deleted photos: "ready" may no longer hold; a waiting or running line stays.
  // A training started: "Ready to train" has been heard, and beside a run it would read as a contradiction.
  const notReady = (e: { deckId: number }) => e.deckId === deckId && setPhase((p) => (p.kind === 'ready' ? NONE : p));
  useStudioEvent('photos.changed', notReady);
  useStudioEvent('training.started', notReady);

  // Until the job's first news it counts as running; one stopped without a word from the core
  // (the deck deleted, the project closed) leaves the line empty.
  const current = phase.kind === 'running' && job?.jobId === phase.jobId ? job : null;
  const running = phase.kind === 'running' && (current === null || current.state === 'running');
  const busy = running || phase.kind === 'waiting';
  if (!busy && phase.kind !== 'ready') return null;
  const done = current?.progress?.done ?? 0;
  const total = current?.progress?.total ?? 0;
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', color: 'text.secondary', ml: 'auto', pl: 2 }}
      role="status"
      data-testid="training-preparation"
    >
      {busy ? (
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
        {busy ? (total > 0 ? `Getting photos ready for training: ${done} of ${total}` : 'Getting photos ready for training…') : readyText(phase)}
      </Typography>
    </Stack>
  );
}
