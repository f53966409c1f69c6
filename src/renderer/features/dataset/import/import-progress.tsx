import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatTimeLeft } from '../../../../shared/format';
import type { ImportTask } from './import-provider';

function TaskCard({ task, onCancel }: { task: ImportTask; onCancel(): void }) {
  const p = task.progress;
  const staging = task.phase === 'staging' || !p;
  const done = staging ? task.staged.done : p.done;
  const total = staging ? task.staged.total : p.total;
  const pct = total > 0 ? (done / total) * 100 : 0;
  const line = staging
    ? `Getting files ready: ${task.staged.done} of ${task.staged.total}`
    : `Checking and adding: ${p.done} of ${p.total} · ${p.rate.toFixed(p.rate < 10 ? 1 : 0)} per second · ${formatTimeLeft(p.etaMs) ?? 'working out how long…'}`;
  return (
    <Paper elevation={6} sx={{ p: 2, width: 380 }} role="status" aria-live="polite" data-testid="import-progress">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        Adding photos to {task.targetLabel}
      </Typography>
      <LinearProgress variant={total > 0 ? 'determinate' : 'indeterminate'} value={pct} sx={{ my: 1.25, height: 6, borderRadius: 3 }} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {task.cancelling ? 'Stopping…' : line}
        </Typography>
        <Button size="small" color="inherit" onClick={onCancel} disabled={task.cancelling}>
          Cancel
        </Button>
      </Stack>
    </Paper>
  );
}

/** Live import cards at the bottom right, one per running import. */
export function ImportProgressStack({ tasks, onCancel }: { tasks: ImportTask[]; onCancel(t: ImportTask): void }) {
  if (tasks.length === 0) return null;
  return (
    <Stack spacing={1.5} sx={{ position: 'fixed', right: 24, bottom: 24, zIndex: (t) => t.zIndex.snackbar }}>
      {tasks.map((t) => (
        <TaskCard key={t.id} task={t} onCancel={() => onCancel(t)} />
      ))}
    </Stack>
  );
}
