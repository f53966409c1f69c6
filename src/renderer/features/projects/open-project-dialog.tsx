import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ProjectInfo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';

interface Props {
  open: boolean;
  projectsDir: string;
  onClose(): void;
  onOpened(project: ProjectInfo): void;
}

/** Opens a project folder by its path; where the shell has a folder dialog, "Browse…" fills the path. */
export function OpenProjectDialog({ open, projectsDir, onClose, onOpened }: Props) {
  const { client, transport } = useStudio();
  const [dir, setDir] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const openDir = async (path: string) => {
    setBusy(true);
    setError(null);
    try {
      onOpened(await client.openProject({ dir: path }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const browse = async () => {
    const picked = await transport.pickDirectory?.();
    if (picked) {
      setDir(picked);
      await openDir(picked);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="open-project-title">
      <DialogTitle id="open-project-title">Open a project</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label="Project folder"
              value={dir}
              fullWidth
              autoFocus
              placeholder={`${projectsDir}/My class.magritte`}
              helperText="The full path of a folder whose name ends in .magritte"
              onChange={(e) => setDir(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && dir.trim() && void openDir(dir.trim())}
            />
            {transport.pickDirectory ? (
              <Button variant="outlined" sx={{ mt: 1 }} onClick={() => void browse()}>
                Browse…
              </Button>
            ) : null}
          </Stack>
          {error ? <ErrorAlert error={error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!dir.trim() || busy} onClick={() => void openDir(dir.trim())}>
          Open
        </Button>
      </DialogActions>
    </Dialog>
  );
}
