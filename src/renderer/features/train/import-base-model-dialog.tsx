import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { BaseModelInfo } from '../../../shared/api/training';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';

interface Props {
  open: boolean;
  onClose(): void;
  /** `useIt`: the teacher wants this deck to train with the imported model. */
  onImported(info: BaseModelInfo, useIt: boolean): void | Promise<void>;
}

/**
 * Imports any TF.js layers model from a folder: the path (typed, or picked with the shell's folder
 * dialog where there is one, as Open project does), the layer whose output becomes the features,
 * and an optional name. The core checks every weight file and the layer before copying anything.
 */
export function ImportBaseModelDialog({ open, onClose, onImported }: Props) {
  const { client, transport } = useStudio();
  const [dir, setDir] = useState('');
  const [featureLayer, setFeatureLayer] = useState('');
  const [name, setName] = useState('');
  const [useIt, setUseIt] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ready = dir.trim().length > 0 && featureLayer.trim().length > 0 && !busy;

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const info = await client.importBaseModel({ dir: dir.trim(), featureLayer: featureLayer.trim(), name: name.trim() || undefined });
      setDir('');
      setFeatureLayer('');
      setName('');
      await onImported(info, useIt);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const browse = async () => {
    const picked = await transport.pickDirectory?.();
    if (picked) setDir(picked);
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth aria-labelledby="import-base-model-title">
      <DialogTitle id="import-base-model-title">Import a base model from a folder</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            Any TensorFlow.js layers model works: a folder holding model.json and all its weight files. The studio checks every file, then keeps its
            own copy, so the folder can go afterwards.
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label="Folder"
              value={dir}
              fullWidth
              autoFocus
              placeholder="/home/me/models/mobilenet_v1_0.25_224"
              helperText={
                transport.pickDirectory ? 'The folder that holds model.json' : 'The full path, on this computer, of the folder that holds model.json'
              }
              onChange={(e) => setDir(e.target.value)}
            />
            {transport.pickDirectory ? (
              <Button variant="outlined" sx={{ mt: 1 }} onClick={() => void browse()}>
                Browse…
              </Button>
            ) : null}
          </Stack>
          <TextField
            label="Feature layer"
            value={featureLayer}
            placeholder="conv_pw_13_relu"
            helperText="The layer whose output describes each photo (averaged into one list of numbers): usually the last one before the original classifier. For MobileNet v1 it is conv_pw_13_relu."
            onChange={(e) => setFeatureLayer(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
          />
          <TextField
            label="Name (optional)"
            value={name}
            helperText="How it appears in the list of base models. Left empty, the folder’s name is used."
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
          />
          <FormControlLabel control={<Checkbox checked={useIt} onChange={(e) => setUseIt(e.target.checked)} />} label="Train this deck with it" />
          {error ? <ErrorAlert error={error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          disabled={!ready}
          onClick={() => void submit()}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : null}
        >
          {busy ? 'Checking the model…' : 'Import'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
