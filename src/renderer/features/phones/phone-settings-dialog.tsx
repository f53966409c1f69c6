import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DeviceSettings } from '../../../shared/api/devices';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { AdbProgramSection } from './adb-program-section';

interface Props {
  open: boolean;
  onClose(): void;
  /** After a save, or once another adb program was chosen. */
  onSaved(settings?: DeviceSettings): void;
}

type Form = { appPackage: string; destinationTemplate: string; reloadAction: string };

/** Where files go on the phone and which app is told to reload; rarely changed, so tucked away here. */
export function PhoneSettingsDialog({ open, onClose, onSaved }: Props) {
  const { client } = useStudio();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    client
      .getDeviceSettings()
      .then((s) => setForm({ appPackage: s.appPackage, destinationTemplate: s.destinationTemplate, reloadAction: s.reloadAction }), setError);
  }, [open, client]);

  const save = async () => {
    if (!form) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await client.updateDeviceSettings(form));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof Form, label: string, help: string) => (
    <TextField
      label={label}
      value={form?.[key] ?? ''}
      onChange={(e) => setForm((f) => (f ? { ...f, [key]: e.target.value } : f))}
      helperText={help}
      fullWidth
      disabled={!form}
      slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
    />
  );

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Phone settings</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          These describe the phone app that shows your decks. Change them only if its maker tells you to.
        </Typography>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          {field('appPackage', 'App package', 'The Android app that shows the decks, e.g. org.magritte.app.')}
          {field('destinationTemplate', 'Folder on the phone', '{package} and {deck} are filled in for each deck.')}
          {field('reloadAction', 'Reload broadcast', 'Sent after the files arrive, so the app shows the new deck at once.')}
          {error ? <ErrorAlert error={error} /> : null}
          <AdbProgramSection open={open} onChanged={() => onSaved()} />
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!form || saving}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
