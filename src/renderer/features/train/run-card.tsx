import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorAlert } from '../../components/error-alert';
import type { ModelVersionSummary } from '../../../shared/api/training';
import { TrainingCurves } from './training-curves';
import { useTrainingRun, type LiveRun } from './training-runs';
import { formatTimeLeft } from '../../../shared/format';
import { percent } from './wording';

interface Props {
  run: LiveRun;
  /** The version the deck keeps if this run is cancelled or fails. */
  kept: ModelVersionSummary | null;
  onCancel(): void;
  onClose(): void;
}

function keptText(kept: ModelVersionSummary | null): string {
  if (!kept) return 'Nothing was saved, and this deck has no model yet.';
  const acc = kept.accuracy === null ? '' : ` (${percent(kept.accuracy)})`;
  return `Nothing was saved: the deck keeps its previous model, Version ${kept.number}${acc}.`;
}

/** A run in progress (phase, progress, live curves, Cancel) or how it ended when it did not save a version. */
export function RunCard({ run, kept, onCancel, onClose }: Props) {
  const active = run.state === 'starting' || run.state === 'running';
  const p = run.progress;
  const last = run.curves.at(-1);
  const epochs = run.epochs ?? last?.epoch ?? 1;
  const value = p && p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : null;
  // The phase line carries the counts and the curves' heading the epoch; this line only the time
  // left, from the core's one estimate for the job (its etaMs).
  const details = p && p.total > 1 ? formatTimeLeft(p.etaMs) : null;

  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="run-card" data-state={run.state}>
      {active ? (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="h3" component="h2">
                {run.cancelling ? 'Stopping…' : 'Training…'}
              </Typography>
              <Typography color="text.secondary" data-testid="run-phase" noWrap>
                {p?.message || 'Getting ready'}
              </Typography>
            </Box>
            <Button variant="outlined" color="error" onClick={onCancel} disabled={run.cancelling || !run.jobId}>
              Cancel
            </Button>
          </Stack>
          <LinearProgress
            variant={value === null ? 'indeterminate' : 'determinate'}
            value={value ?? undefined}
            sx={{ mt: 2, height: 8, borderRadius: 4 }}
            aria-label="Training progress"
          />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.75, minHeight: 20 }} data-testid="run-details">
            {details}
          </Typography>
        </>
      ) : run.state === 'cancelled' ? (
        <Alert severity="info" onClose={onClose} data-testid="run-cancelled">
          <AlertTitle>Training stopped{last ? ` after epoch ${last.epoch} of ${epochs}` : ''}.</AlertTitle>
          {keptText(kept)}
        </Alert>
      ) : run.state === 'failed' ? (
        <Box>
          <ErrorAlert error={run.error} onClose={onClose} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {keptText(kept)}
          </Typography>
        </Box>
      ) : null}
      {run.curves.length > 0 || active ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2" sx={{ mb: 1 }} data-testid="epoch-count">
            {`Epoch ${last?.epoch ?? 0} of ${epochs}`}
          </Typography>
          <TrainingCurves curves={run.curves} epochs={epochs} live={active} />
        </Box>
      ) : null}
    </Paper>
  );
}

/** The deck's live run, if any: subscribes on its own so the rest of the screen is not redrawn each epoch. */
export function LiveRunCard({ deckId, kept, onError }: { deckId: number; kept: ModelVersionSummary | null; onError(e: unknown): void }) {
  const { run, runs } = useTrainingRun(deckId);
  if (!run || run.state === 'finished') return null;
  return <RunCard run={run} kept={kept} onCancel={() => void runs.cancel(deckId).catch(onError)} onClose={() => runs.dismiss(deckId)} />;
}
