import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import type { Camera } from '../../camera/use-camera';

interface Props {
  camera: Camera;
  deviceId: string | null;
  mirror: boolean;
  onDevice(deviceId: string): void;
  onMirror(mirror: boolean): void;
}

/** Which camera, and whether the preview is drawn as a mirror (easier to aim at yourself). */
export function CameraControls({ camera, deviceId, mirror, onDevice, onMirror }: Props) {
  const value = deviceId ?? camera.activeDeviceId ?? '';
  const known = camera.devices.some((d) => d.deviceId === value);
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label="Camera"
        value={known ? value : ''}
        onChange={(e) => onDevice(e.target.value)}
        disabled={camera.devices.length === 0}
        sx={{ flex: 1, minWidth: 0 }}
        slotProps={{ htmlInput: { 'data-testid': 'camera-picker' } }}
      >
        {camera.devices.map((d) => (
          <MenuItem key={d.deviceId} value={d.deviceId}>
            {d.label}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel control={<Switch checked={mirror} onChange={(e) => onMirror(e.target.checked)} />} label="Mirror" sx={{ mr: 0 }} />
    </Stack>
  );
}
