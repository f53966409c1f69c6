import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AdbInfo } from '../../../shared/api/devices';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';

const SOURCE_WORDS: Record<NonNullable<AdbInfo['source']>, string> = {
  'command line': 'given with --adb when the studio was started',
  settings: 'chosen here',
  ANDROID_HOME: 'found in ANDROID_HOME',
  ANDROID_SDK_ROOT: 'found in ANDROID_SDK_ROOT',
  PATH: 'found on this computer',
};

/**
 * Which adb program the studio runs, and how to change it. The studio runs that program, so the page
 * never names it: the desktop app shows its own file dialog; in the browser it is given with --adb.
 */
export function AdbProgramSection({ open, onChanged }: { open: boolean; onChanged(): void }) {
  const { client, transport } = useStudio();
  const [adb, setAdb] = useState<AdbInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    client.getAdbInfo().then(setAdb, setError);
  }, [open, client]);

  const change = async (action: 'choose' | 'automatic') => {
    if (!transport.adbProgram) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await transport.adbProgram(action);
      if (answer.kind === 'refused') setError(answer.error);
      if (answer.kind === 'chosen') {
        setAdb(answer.adb);
        onChanged();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="section" aria-label="adb program" data-testid="adb-program">
      <Typography variant="subtitle2" component="h3">
        adb program
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        The program that talks to phones over USB (from Android platform-tools).
      </Typography>
      {adb?.path ? (
        <Typography variant="body2" data-testid="adb-path">
          Using{' '}
          <Box component="code" sx={{ fontFamily: 'monospace' }}>
            {adb.path}
          </Box>
          {adb.source ? ` (${SOURCE_WORDS[adb.source]})` : ''}
        </Typography>
      ) : adb ? (
        <Typography variant="body2" data-testid="adb-path">
          No adb program found yet.
        </Typography>
      ) : null}
      {adb?.problem ? <ErrorAlert error={adb.problem} sx={{ mt: 1 }} /> : null}
      {error ? <ErrorAlert error={error} sx={{ mt: 1 }} /> : null}
      {transport.adbProgram ? (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button variant="outlined" onClick={() => void change('choose')} disabled={busy}>
            Choose adb program…
          </Button>
          {adb?.source === 'settings' ? (
            <Button onClick={() => void change('automatic')} disabled={busy}>
              Find it automatically
            </Button>
          ) : null}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="adb-how-to-change">
          To use another adb, stop the studio and start it again with{' '}
          <Box component="code" sx={{ fontFamily: 'monospace' }}>
            npm run serve -- --adb /full/path/to/adb
          </Box>
          .
        </Typography>
      )}
    </Box>
  );
}
