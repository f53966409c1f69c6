import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import MemoryIcon from '@mui/icons-material/Memory';
import PlayArrowIcon from '@mui/icons-material/PlayArrowRounded';
import type { MlInfo, TrainingConfig, TrainingSettings } from '../../../shared/api/training';
import type { Readiness } from './readiness';
import { SettingsPanel } from './settings-panel';
import { backendText, durationText, estimateSplit, planText } from './wording';

interface Props {
  deckName: string;
  counts: number[];
  readiness: Readiness;
  config: TrainingConfig | null;
  mlInfo: MlInfo | null;
  /** Photos of the deck whose features are not cached yet (the slow part of a first run). */
  missingFeatures: number;
  busy: boolean;
  hasModel: boolean;
  onTrain(): void;
  settingsOpen: boolean;
  onSettingsOpen(open: boolean): void;
  onChange(patch: Partial<TrainingSettings>): void;
  onReset(): void;
  /** Shown under the settings (the Base models section). */
  extra?: ReactNode;
}

/** The big Train button, what it will do in plain words, why it cannot yet, and the expert settings. */
export function TrainPanel({
  deckName,
  counts,
  readiness,
  config,
  mlInfo,
  missingFeatures,
  busy,
  hasModel,
  onTrain,
  settingsOpen,
  onSettingsOpen,
  onChange,
  onReset,
  extra,
}: Props) {
  const settings = config?.settings;
  const split = estimateSplit(counts, settings?.validationShare ?? 0.2);
  // With augmentation each training photo is learnt from in several views: each one is a sample of every epoch.
  const views = settings?.augmentation && config ? config.augmentedViews : 1;
  const plan = readiness.blocked
    ? null
    : `${planText(counts.length, split)} ${durationText(missingFeatures, mlInfo?.workers ?? 1, settings?.epochs ?? 50, settings?.batchSize ?? 32, split.train * views)}`;

  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="train-panel">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
        <Button
          variant="contained"
          size="large"
          startIcon={<PlayArrowIcon sx={{ fontSize: '32px !important' }} />}
          onClick={onTrain}
          disabled={busy || readiness.blocked !== null || !config}
          sx={{ px: 4, py: 1.5, fontSize: '1.25rem', borderRadius: 3, flexShrink: 0 }}
        >
          {hasModel ? 'Train again' : 'Train'}
        </Button>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h3" component="h2">
            {hasModel ? `Teach “${deckName}” again` : `Teach the computer your words`}
          </Typography>
          <Typography color="text.secondary" data-testid="train-plan">
            {readiness.blocked ? 'Not ready to train yet: see below.' : plan}
          </Typography>
          {mlInfo ? (
            <Box component="details" sx={{ mt: 0.5, color: 'text.secondary', '& summary': { cursor: 'pointer', typography: 'caption' } }}>
              <summary>Details</summary>
              <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid="ml-backend">
                <MemoryIcon sx={{ fontSize: 16 }} />
                <Typography variant="caption">{backendText(mlInfo)}</Typography>
              </Stack>
            </Box>
          ) : null}
        </Box>
      </Stack>
      {readiness.blocked ? (
        <Alert severity="warning" sx={{ mt: 2 }} data-testid="train-blocked">
          {readiness.blocked}
        </Alert>
      ) : null}
      {readiness.warnings.map((w) => (
        <Alert key={w} severity="info" sx={{ mt: 2 }}>
          {w}
        </Alert>
      ))}
      {config ? (
        <Box sx={{ mt: 2 }}>
          <SettingsPanel config={config} disabled={busy} expanded={settingsOpen} onExpanded={onSettingsOpen} onChange={onChange} onReset={onReset} />
        </Box>
      ) : null}
      {extra ? <Box sx={{ mt: 1.5 }}>{extra}</Box> : null}
    </Paper>
  );
}
