import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Slider from '@mui/material/Slider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CameraIcon from '@mui/icons-material/PhotoCameraOutlined';
import CloseIcon from '@mui/icons-material/Close';
import FiberIcon from '@mui/icons-material/FiberManualRecord';
import type { DeckClass } from '../../../shared/domain';
import { MAX_RATE, MIN_RATE } from './camera-prefs';
import { CameraControls } from './camera-controls';
import { CameraView } from './camera-view';
import { useCamera } from '../../camera/use-camera';
import { useCameraPrefs } from './use-camera-prefs';
import { useHoldSpace } from './use-hold-key';
import { useRecorder } from './use-recorder';

interface Props {
  deckId: number;
  classes: DeckClass[];
  classId: number;
  onClass(classId: number): void;
  onClose(): void;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Shoots photos into a word: hold the big button (or the Space bar) for a burst, or take one photo,
 * with an optional 3-second countdown. Photos join the word's grid as they arrive.
 */
export function CameraPanel({ deckId, classes, classId, onClass, onClose }: Props) {
  const [prefs, setPrefs] = useCameraPrefs();
  const camera = useCamera({ deviceId: prefs.deviceId });
  const rec = useRecorder(camera.video, camera.ready, deckId, classId, prefs.rate);
  useHoldSpace(camera.ready, rec.start, rec.stop);
  const cls = classes.find((c) => c.id === classId);
  const { taken, added, duplicates, pending } = rec.totals;

  const overlay = (
    <>
      {rec.recording ? (
        <Stack
          direction="row"
          spacing={0.75}
          sx={{
            position: 'absolute',
            top: 10,
            left: 10,
            px: 1.25,
            py: 0.5,
            borderRadius: 5,
            bgcolor: 'rgba(0,0,0,0.6)',
            color: 'common.white',
            alignItems: 'center',
          }}
        >
          <FiberIcon sx={{ color: '#ff5252', fontSize: 16 }} />
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            REC
          </Typography>
        </Stack>
      ) : null}
      {rec.countdown !== null ? (
        <Box sx={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'rgba(0,0,0,0.25)' }}>
          <Typography
            data-testid="countdown"
            sx={{ fontSize: 120, fontWeight: 800, color: 'common.white', textShadow: '0 2px 12px rgba(0,0,0,0.6)' }}
          >
            {rec.countdown}
          </Typography>
        </Box>
      ) : null}
    </>
  );

  return (
    <Stack spacing={1.75} sx={{ p: 2, height: '100%', overflowY: 'auto' }} data-testid="camera-panel" aria-label="Camera">
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <CameraIcon sx={{ mr: 1, color: 'text.secondary' }} />
        <Typography variant="h3" component="h2" sx={{ flex: 1 }}>
          Camera
        </Typography>
        <IconButton aria-label="Close the camera" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Stack>
      <TextField select size="small" label="Photos go to" value={cls ? classId : ''} onChange={(e) => onClass(Number(e.target.value))}>
        {classes.map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {c.key}
          </MenuItem>
        ))}
      </TextField>
      <CameraView camera={camera} mirror={prefs.mirror} overlay={overlay} />
      {!camera.failure ? (
        <>
          <CameraControls
            camera={camera}
            deviceId={prefs.deviceId}
            mirror={prefs.mirror}
            onDevice={(deviceId) => setPrefs({ deviceId })}
            onMirror={(mirror) => setPrefs({ mirror })}
          />
          <Button
            variant="contained"
            color={rec.recording ? 'error' : 'primary'}
            disabled={!camera.ready}
            data-testid="hold-to-record"
            startIcon={<FiberIcon />}
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              e.currentTarget.setPointerCapture(e.pointerId);
              rec.start();
            }}
            onPointerUp={rec.stop}
            onPointerCancel={rec.stop}
            onLostPointerCapture={rec.stop}
            onContextMenu={(e) => e.preventDefault()}
            sx={{ py: 2, fontSize: '1.15rem', borderRadius: 3, touchAction: 'none', userSelect: 'none' }}
          >
            {rec.recording ? `Recording… ${taken}` : `Hold to record into “${cls?.key ?? ''}”`}
          </Button>
          <Box sx={{ px: 1 }}>
            <Typography variant="body2" id="rate-label" gutterBottom>
              {prefs.rate} photos per second while you hold
            </Typography>
            <Slider
              value={prefs.rate}
              min={MIN_RATE}
              max={MAX_RATE}
              step={1}
              marks
              onChange={(_, v) => setPrefs({ rate: v as number })}
              aria-labelledby="rate-label"
              valueLabelDisplay="auto"
            />
          </Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Button
              variant="outlined"
              startIcon={<CameraIcon />}
              disabled={!camera.ready || rec.countdown !== null}
              onClick={() => rec.shoot(prefs.countdown)}
              data-testid="single-shot"
            >
              Take one photo
            </Button>
            <FormControlLabel
              control={<Checkbox checked={prefs.countdown} onChange={(e) => setPrefs({ countdown: e.target.checked })} />}
              label="Count down 3 s"
            />
          </Stack>
          <Box
            sx={{ bgcolor: 'background.default', borderRadius: 2, px: 1.5, py: 1 }}
            data-testid="capture-counter"
            data-taken={taken}
            data-added={added}
          >
            <Typography variant="body1" sx={{ fontWeight: 600 }}>
              {plural(taken, 'photo', 'photos')} taken · {added} added
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {duplicates > 0 ? `${plural(duplicates, 'frame was', 'frames were')} the same as a photo already there (skipped). ` : ''}
              {pending > 0 ? `${pending} on the way…` : ''}
              {taken === 0 ? 'Tip: hold the Space bar to record too. Move the object a little between photos.' : ''}
            </Typography>
          </Box>
        </>
      ) : null}
    </Stack>
  );
}
