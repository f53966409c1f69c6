import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ProjectInfo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { LanguageFields } from './language-fields';
import { guessTeacherLanguage } from './languages';

interface Props {
  open: boolean;
  projectsDir: string;
  onClose(): void;
  onCreated(project: ProjectInfo): void;
}

export function NewProjectDialog({ open, projectsDir, onClose, onCreated }: Props) {
  const { client } = useStudio();
  const [name, setName] = useState('');
  const [teacher, setTeacher] = useState(guessTeacherLanguage);
  const [pupils, setPupils] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ready = name.trim().length > 0 && pupils.length > 0 && !busy;

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await client.createProject({ name: name.trim(), languages: [teacher, ...pupils] }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="new-project-title">
      <DialogTitle id="new-project-title">New project</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          <TextField
            label="Project name"
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            helperText="For example the name of your class or school year."
            onKeyDown={(e) => e.key === 'Enter' && ready && void create()}
          />
          <LanguageFields teacher={teacher} pupils={pupils} onTeacher={setTeacher} onPupils={setPupils} />
          <Typography variant="body2" color="text.secondary">
            The project is saved as a folder in {projectsDir}.
          </Typography>
          {error ? <ErrorAlert error={error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!ready} onClick={() => void create()}>
          Create project
        </Button>
      </DialogActions>
    </Dialog>
  );
}
