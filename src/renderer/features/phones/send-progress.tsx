import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Phone } from '../../../shared/api/devices';
import { ErrorAlert } from '../../components/error-alert';
import { formatBytes } from '../../../shared/format';
import { outcomeText, percent, phaseText } from './push-progress';
import type { PushState } from './use-push';

/** While sending: a bar per phone with the file in hand; afterwards: what each phone got, in words. */
export function SendProgress({ push, phones }: { push: PushState; phones: Phone[] }) {
  const { result, running, progress, targets } = push;
  const nameOf = (serial: string, model: string | null) => model ?? phones.find((p) => p.serial === serial)?.model ?? serial;
  const okCount = result?.phones.filter((p) => p.ok).length ?? 0;

  return (
    <Box data-testid="send-progress" sx={{ border: 1, borderColor: 'divider', borderRadius: 2, p: 2, bgcolor: 'background.paper' }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h3" component="h3" sx={{ flex: 1 }}>
          {running
            ? 'Sending to phones…'
            : result
              ? okCount === result.phones.length
                ? 'Sent'
                : okCount > 0
                  ? 'Sent to some phones'
                  : 'Not sent'
              : 'Sending'}
        </Typography>
        {!running ? (
          <Button size="small" onClick={push.dismiss}>
            Close
          </Button>
        ) : null}
      </Stack>
      {push.error ? <ErrorAlert error={push.error} /> : null}
      <Stack spacing={1.5}>
        {result
          ? result.phones.map((o) => {
              const { title, detail } = outcomeText(o, nameOf(o.serial, o.model));
              return (
                <Alert
                  key={o.serial}
                  severity={o.ok ? 'success' : 'error'}
                  data-testid="push-outcome"
                  data-serial={o.serial}
                  sx={{ overflowWrap: 'anywhere' }}
                >
                  <AlertTitle sx={{ mb: 0.25 }}>{title}</AlertTitle>
                  {detail}
                </Alert>
              );
            })
          : targets.map((serial) => {
              const p = progress[serial];
              return (
                <Box key={serial} data-testid="push-phone" data-serial={serial}>
                  <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1 }}>
                    <Typography sx={{ fontWeight: 600 }}>{nameOf(serial, p?.model ?? null)}</Typography>
                    <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} noWrap>
                      {p ? phaseText(p) : 'Waiting to start…'}
                    </Typography>
                    {p && p.bytesTotal > 0 ? (
                      <Typography variant="body2" color="text.secondary">
                        {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}
                      </Typography>
                    ) : null}
                  </Stack>
                  <LinearProgress
                    variant={p ? 'determinate' : 'indeterminate'}
                    value={p ? percent(p) : undefined}
                    color={p?.phase === 'failed' ? 'error' : 'primary'}
                    sx={{ height: 8, borderRadius: 4, mt: 0.75 }}
                    aria-label={`Sending to ${nameOf(serial, p?.model ?? null)}`}
                  />
                </Box>
              );
            })}
      </Stack>
    </Box>
  );
}
