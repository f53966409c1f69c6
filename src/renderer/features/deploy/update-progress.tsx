import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import type { UpdateStep, UpdateStepId } from '../../../shared/api/deploy';
import { formatTimeLeft } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';
import type { UpdatePhonesState } from './use-update-phones';

const TITLE: Record<UpdateStepId, string> = { train: 'Train', export: 'Export', push: 'Send to the phones' };

function StepIcon({ step }: { step: UpdateStep }) {
  if (step.state === 'running') return <CircularProgress size={20} />;
  if (step.state === 'done') return <CheckCircleIcon color="success" />;
  if (step.state === 'failed') return <ErrorIcon color="error" />;
  if (step.state === 'skipped') return <RemoveCircleOutlineIcon sx={{ color: 'text.secondary' }} />;
  return <RadioButtonUncheckedIcon sx={{ color: 'text.disabled' }} />;
}

function StepRow({ step }: { step: UpdateStep }) {
  const left = step.state === 'running' ? formatTimeLeft(step.etaMs) : null;
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }} data-testid="update-step" data-step={step.id} data-state={step.state}>
      <Box sx={{ pt: 0.25 }}>
        <StepIcon step={step} />
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography sx={{ fontWeight: 600 }}>{TITLE[step.id]}</Typography>
        <Typography variant="body2" color={step.state === 'failed' ? 'error' : 'text.secondary'} data-testid="update-step-detail">
          {step.state === 'skipped' ? `Not needed: ${step.detail}` : step.detail}
          {left ? ` · ${left}` : ''}
        </Typography>
        {step.state === 'running' ? (
          <LinearProgress
            variant={step.fraction === null ? 'indeterminate' : 'determinate'}
            value={step.fraction === null ? undefined : step.fraction * 100}
            sx={{ mt: 0.75, height: 6, borderRadius: 3 }}
            aria-label={`${TITLE[step.id]} progress`}
          />
        ) : null}
      </Box>
    </Stack>
  );
}

/** The steps of "Update phones" as they go (train, export, send), then how it ended. */
export function UpdateProgress({ update }: { update: UpdatePhonesState }) {
  const ended = !update.running;
  const sent = update.result?.push.phones.filter((p) => p.ok).length ?? 0;
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} component="section" aria-label="Updating the phones" data-testid="update-progress">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h3" component="h2" sx={{ flex: 1 }}>
          {update.running ? 'Updating the phones…' : update.result ? 'Phones updated' : update.cancelled ? 'Update stopped' : 'Update not finished'}
        </Typography>
        {update.running ? (
          <Button color="error" variant="outlined" onClick={update.cancel}>
            Cancel
          </Button>
        ) : (
          <Button color="inherit" onClick={update.dismiss}>
            Close
          </Button>
        )}
      </Stack>
      {update.steps ? (
        <Stack spacing={1.5}>
          {update.steps.map((s) => (
            <StepRow key={s.id} step={s} />
          ))}
        </Stack>
      ) : update.running ? (
        <Typography color="text.secondary">Starting…</Typography>
      ) : null}
      {ended && update.result ? (
        <Typography sx={{ mt: 1.5 }} data-testid="update-outcome">
          {sent === update.result.push.phones.length
            ? `${sent === 1 ? 'The phone has' : `All ${sent} phones have`} the deck as it is now.`
            : `${sent} of ${update.result.push.phones.length} phones have the deck as it is now; see “Sent before” for the others.`}
        </Typography>
      ) : null}
      {ended && update.error ? <ErrorAlert error={update.error} sx={{ mt: 1.5 }} /> : null}
    </Paper>
  );
}
