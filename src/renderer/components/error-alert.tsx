import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { SxProps, Theme } from '@mui/material/styles';
import { isStudioError, type StudioErrorPayload } from '../../shared/errors';

/** Any thrown value as the plain message and fix a teacher reads; never a stack trace. */
export function describeError(e: unknown): StudioErrorPayload {
  if (isStudioError(e)) return e.toPayload();
  const maybe = e as Partial<StudioErrorPayload> | null;
  if (maybe && typeof maybe.message === 'string' && typeof maybe.fix === 'string' && typeof maybe.code === 'string') {
    return maybe as StudioErrorPayload;
  }
  return {
    code: 'INTERNAL',
    message: 'Something unexpected went wrong.',
    fix: 'Try again. If it keeps happening, restart the studio.',
  };
}

export function ErrorAlert({ error, onClose, sx }: { error: unknown; onClose?: () => void; sx?: SxProps<Theme> }) {
  const { message, fix } = describeError(error);
  return (
    <Alert severity="error" onClose={onClose} sx={sx} role="alert">
      <AlertTitle sx={{ mb: fix ? 0.5 : 0 }}>{message}</AlertTitle>
      {fix}
    </Alert>
  );
}
