import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TrackedJob } from '../../api/job-tracker';

/** The export under way: which step it is at, how far along, and Cancel. */
export function ExportRunning({ job, onCancel }: { job: TrackedJob | null; onCancel(): void }) {
  const p = job?.progress ?? null;
  const value = p && p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : null;
  return (
    <Box data-testid="export-running">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontWeight: 600 }} data-testid="export-phase">
            {p?.message || 'Starting the export…'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {p && p.total > 0 ? `Step ${Math.min(p.done + 1, p.total)} of ${p.total} · ` : ''}Usually a few seconds. Nothing is written until every
            file is ready and checked.
          </Typography>
        </Box>
        <Button variant="outlined" color="inherit" onClick={onCancel} disabled={!job}>
          Cancel
        </Button>
      </Stack>
      <LinearProgress
        sx={{ mt: 1.5, height: 8, borderRadius: 4 }}
        variant={value === null ? 'indeterminate' : 'determinate'}
        value={value ?? undefined}
        aria-label="Export progress"
      />
    </Box>
  );
}
