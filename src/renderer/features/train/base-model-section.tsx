import { useState } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineRounded';
import CloudDownloadIcon from '@mui/icons-material/CloudDownloadOutlined';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import FolderOpenIcon from '@mui/icons-material/FolderOpenOutlined';
import WarningIcon from '@mui/icons-material/WarningAmberRounded';
import type { BaseModelInfo } from '../../../shared/api/training';
import { ErrorAlert } from '../../components/error-alert';
import { isOnThisComputer, locationText, shapeText } from '../../../shared/base-model-wording';
import { ImportBaseModelDialog } from './import-base-model-dialog';
import { useBaseModels, type BaseModelDownload } from './use-base-models';

interface Props {
  deckId: number;
  /** True while the deck trains: its base model cannot change under a running job. */
  disabled: boolean;
  /** The deck now trains with another base model (its features will be computed again). */
  onChosen?(baseModelId: string): void;
}

function DownloadRow({ model, download }: { model: BaseModelInfo; download: BaseModelDownload }) {
  const mine = download.baseModelId === null || download.baseModelId === model.id;
  const progress = mine ? download.job?.progress : null;
  if (download.running && mine) {
    const value = progress && progress.total > 0 ? (100 * progress.done) / progress.total : undefined;
    return (
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="base-model-download">
        <Box sx={{ flex: 1 }}>
          <LinearProgress variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} aria-label="Download progress" />
          <Typography variant="caption" color="text.secondary">
            {progress?.message ?? 'Starting the download…'}
          </Typography>
        </Box>
        <Button onClick={download.cancel}>Cancel</Button>
      </Stack>
    );
  }
  if (download.error && mine) return <ErrorAlert error={download.error} onClose={download.dismiss} />;
  if (model.location !== 'download') return null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Button
        variant="outlined"
        startIcon={<CloudDownloadIcon />}
        sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        onClick={() => void download.start(model.id)}
      >
        Download now
      </Button>
      <Typography variant="body2" color="text.secondary">
        {download.job?.state === 'cancelled' && mine ? 'Download cancelled. ' : ''}
        Otherwise it downloads the first time you train. Needs an internet connection.
      </Typography>
    </Stack>
  );
}

function LocationStatus({ model }: { model: BaseModelInfo }) {
  const here = isOnThisComputer(model);
  const Icon = here ? CheckCircleIcon : model.location === 'download' ? CloudDownloadIcon : WarningIcon;
  const color = here ? 'success.main' : model.location === 'download' ? 'text.secondary' : 'warning.main';
  return (
    <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', pt: 1 }}>
      <Icon sx={{ fontSize: 20, color }} />
      <Typography variant="body2" data-testid="base-model-location">
        {locationText(model)}
      </Typography>
    </Stack>
  );
}

/**
 * The network training builds on, for the expert who wants to see or change it: where it is, another
 * one for this deck, downloading it ahead of time, importing one from a folder. Collapsed by default.
 * Its title and button are the words MODEL_OFFLINE's fix points teachers to ("Base models" >
 * "Import from a folder").
 */
export function BaseModelSection({ deckId, disabled, onChosen }: Props) {
  const base = useBaseModels(deckId, onChosen);
  const [open, setOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const models = base.models ?? [];
  const selected = models.find((m) => m.id === base.selectedId) ?? null;
  const summary = !base.selectedId || !base.models ? '' : selected ? `${selected.name} · ${locationText(selected)}` : `${base.selectedId} · missing`;

  return (
    <Accordion
      expanded={open}
      onChange={(_e, o) => setOpen(o)}
      disableGutters
      variant="outlined"
      sx={{ '&::before': { display: 'none' } }}
      data-testid="base-models"
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600 }}>Base models</Typography>
        <Typography color="text.secondary" sx={{ ml: 1.5 }} data-testid="base-model-summary">
          {summary}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            The ready-made network that looks at each photo. Training only teaches its last step your words, so the default suits most decks. With
            another base model, the next training looks at every photo again.
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <TextField
              select
              label="Base model for this deck"
              size="small"
              value={base.models && base.selectedId ? base.selectedId : ''}
              disabled={disabled || !base.models || !base.selectedId}
              onChange={(e) => void base.choose(e.target.value)}
              helperText={selected ? shapeText(selected) : ' '}
              sx={{ minWidth: 380 }}
              slotProps={{ select: { renderValue: (id) => models.find((m) => m.id === id)?.name ?? String(id) } }}
              data-testid="base-model-picker"
            >
              {models.map((m) => (
                <MenuItem key={m.id} value={m.id} data-testid="base-model-option">
                  <ListItemText primary={m.name} secondary={`${locationText(m)}${m.source === 'imported' ? ' · imported' : ''}`} />
                </MenuItem>
              ))}
              {base.selectedId && base.models && !selected ? (
                <MenuItem value={base.selectedId} disabled>
                  <ListItemText primary={base.selectedId} secondary="missing" />
                </MenuItem>
              ) : null}
            </TextField>
            {selected ? <LocationStatus model={selected} /> : null}
          </Stack>
          {base.error ? <ErrorAlert error={base.error} /> : null}
          {selected && selected.location === 'missing' ? (
            <Alert severity="warning">
              The files of “{selected.name}” are not on this computer. Import them again from a folder, or choose another base model.
            </Alert>
          ) : null}
          {base.selectedId && base.models && !selected ? (
            <Alert severity="warning">
              This deck was trained with “{base.selectedId}”, which is not on this computer. Import it from a folder, or choose another base model.
            </Alert>
          ) : null}
          {selected ? <DownloadRow model={selected} download={base.download} /> : null}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" startIcon={<FolderOpenIcon />} disabled={disabled} onClick={() => setImporting(true)}>
              Import from a folder…
            </Button>
            <Typography variant="body2" color="text.secondary">
              Any TensorFlow.js layers model: a folder with model.json and its weight files.
            </Typography>
          </Stack>
        </Stack>
        <ImportBaseModelDialog
          open={importing}
          onClose={() => setImporting(false)}
          onImported={async (info, useIt) => {
            setImporting(false);
            await base.reload();
            if (useIt) await base.choose(info.id);
          }}
        />
      </AccordionDetails>
    </Accordion>
  );
}
