import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { ProjectInfo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { LanguageFields } from './language-fields';

/** Change the project's languages later (a new language simply shows "missing" words to fill in). */
export function LanguagesDialog({
  open,
  project,
  onClose,
  onSaved,
}: {
  open: boolean;
  project: ProjectInfo;
  onClose(): void;
  onSaved(p: ProjectInfo): void;
}) {
  const { client } = useStudio();
  const [teacher, setTeacher] = useState(project.sourceLanguage);
  const [pupils, setPupils] = useState(project.targetLanguages);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      setTeacher(project.sourceLanguage);
      setPupils(project.targetLanguages);
      setError(null);
    }
  }, [open, project]);
  const save = async () => {
    try {
      onSaved(await client.updateLanguages({ languages: [teacher, ...pupils] }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Languages</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        <LanguageFields teacher={teacher} pupils={pupils} onTeacher={setTeacher} onPupils={setPupils} />
        {error ? <ErrorAlert error={error} sx={{ mt: 2 }} /> : null}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={pupils.length === 0} onClick={() => void save()}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
