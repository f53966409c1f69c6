import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import type { Camera } from '../../camera/use-camera';
import { cameraProblem } from './camera-problems';

interface Props {
  camera: Camera;
  mirror: boolean;
  /** Drawn over the picture (a countdown, the recognised word). */
  overlay?: ReactNode;
  /** Width / height of the frame box; the picture is cropped to fill it. */
  aspect?: number;
}

/**
 * The live picture, or, when the camera cannot be used, a plain message with what to do and a
 * Try again button. Mirroring only flips how the picture is drawn, never the photos taken.
 */
export function CameraView({ camera, mirror, overlay, aspect = 4 / 3 }: Props) {
  if (camera.failure) {
    const problem = cameraProblem(camera.failure);
    return (
      <Alert
        severity="warning"
        data-testid="camera-problem"
        data-problem={problem.kind}
        sx={{ alignItems: 'flex-start' }}
        action={
          <Button color="inherit" variant="outlined" size="small" onClick={camera.retry} sx={{ whiteSpace: 'nowrap' }}>
            Try again
          </Button>
        }
      >
        <AlertTitle>{problem.message}</AlertTitle>
        {problem.fix}
      </Alert>
    );
  }
  return (
    <Box sx={{ position: 'relative', width: '100%', aspectRatio: String(aspect), bgcolor: 'grey.900', borderRadius: 2, overflow: 'hidden' }}>
      <video
        ref={camera.videoRef}
        muted
        playsInline
        autoPlay
        data-testid="camera-preview"
        aria-label="Camera picture"
        style={{ width: '100%', height: '100%', objectFit: 'cover', transform: mirror ? 'scaleX(-1)' : undefined, display: 'block' }}
      />
      {!camera.ready ? (
        <Box sx={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', color: 'grey.300', gap: 1.5 }}>
          <CircularProgress size={22} color="inherit" />
          Starting the camera…
        </Box>
      ) : null}
      {overlay}
    </Box>
  );
}
