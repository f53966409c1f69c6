import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import FolderIcon from '@mui/icons-material/Folder';
import FolderOffIcon from '@mui/icons-material/FolderOff';
import type { AppInfo } from '../../../shared/api';
import type { ProjectInfo, RecentProject } from '../../../shared/domain';
import { formatDate } from '../../../shared/format';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { NewProjectDialog } from './new-project-dialog';
import { OpenProjectDialog } from './open-project-dialog';

const MISSING_WHY = 'The folder is not there any more: it may have been moved, renamed, deleted, or be on a drive that is not plugged in.';

const STEPS = [
  'Make a deck of words, such as “Fruits”, with each word in the languages your pupils learn.',
  'Add photos of each thing: drag them in from your computer or take them with the webcam.',
  'Train the model, try it, and put it on your pupils’ phones.',
];

function openedWhen(iso: string): string {
  const date = formatDate(iso);
  return date ? `Opened ${date}` : '';
}

function RecentRow({ recent, onOpen }: { recent: RecentProject; onOpen(dir: string): void }) {
  const row = (
    <ListItemButton
      disabled={!recent.exists}
      onClick={() => onOpen(recent.dir)}
      data-testid="recent-project"
      sx={{ borderRadius: 2, '&.Mui-disabled': { opacity: 0.55 } }}
    >
      <ListItemIcon>{recent.exists ? <FolderIcon color="primary" /> : <FolderOffIcon />}</ListItemIcon>
      <ListItemText
        primary={recent.name}
        secondary={recent.exists ? `${openedWhen(recent.openedAt)} · ${recent.dir}` : `Not found · ${recent.dir}`}
        slotProps={{ secondary: { noWrap: true } }}
      />
    </ListItemButton>
  );
  // A disabled button gets no pointer events: the wrapper carries the explanation.
  return recent.exists ? (
    row
  ) : (
    <Tooltip title={MISSING_WHY} placement="bottom-start">
      <span>{row}</span>
    </Tooltip>
  );
}

/** First screen: recent projects, and the two ways in (new, open). */
export function StartScreen({ info, onOpened }: { info: AppInfo; onOpened(p: ProjectInfo): void }) {
  const { client } = useStudio();
  const notices = useNotices();
  const [dialog, setDialog] = useState<'new' | 'open' | null>(null);
  const openRecent = async (dir: string) => {
    try {
      onOpened(await client.openProject({ dir }));
    } catch (e) {
      notices.showError(e);
    }
  };
  const missing = info.recent.filter((r) => !r.exists).length;

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'flex-start', justifyContent: 'center', pt: { xs: 4, md: 10 }, px: 2 }}>
      <Stack spacing={4} sx={{ width: '100%', maxWidth: 720 }}>
        <Box>
          <Typography variant="h1" component="h1">
            Magritte Studio
          </Typography>
          <Typography variant="body1" color="text.secondary" sx={{ mt: 1 }}>
            Teach a phone to recognise pictures and say their words in the languages your pupils learn.
          </Typography>
        </Box>
        <Stack direction="row" spacing={2}>
          <Button size="large" variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('new')}>
            New project
          </Button>
          <Button size="large" variant="outlined" startIcon={<FolderOpenIcon />} onClick={() => setDialog('open')}>
            Open project
          </Button>
        </Stack>
        <Stack direction="row" spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="How it works">
          {STEPS.map((step, i) => (
            <Stack key={step} component="li" direction="row" spacing={1.5} sx={{ flex: 1, alignItems: 'flex-start' }}>
              <Box
                sx={{
                  width: 28,
                  height: 28,
                  borderRadius: '50%',
                  bgcolor: 'primary.main',
                  color: 'white',
                  display: 'grid',
                  placeItems: 'center',
                  fontWeight: 700,
                  flexShrink: 0,
                }}
              >
                {i + 1}
              </Box>
              <Typography variant="body2" color="text.secondary">
                {step}
              </Typography>
            </Stack>
          ))}
        </Stack>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h3" component="h2" sx={{ px: 1, pb: 1 }}>
            Recent projects
          </Typography>
          {info.recent.length === 0 ? (
            <Typography color="text.secondary" sx={{ px: 1, py: 2 }}>
              Projects you create or open will be listed here.
            </Typography>
          ) : (
            <List dense disablePadding>
              {info.recent.map((r) => (
                <RecentRow key={r.dir} recent={r} onOpen={(d) => void openRecent(d)} />
              ))}
            </List>
          )}
          {missing > 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ px: 1, pt: 1 }}>
              Greyed-out projects were not found where they were last opened: they may have been moved, renamed or deleted, or be on a drive that is
              not plugged in.
            </Typography>
          ) : null}
        </Paper>
      </Stack>
      <NewProjectDialog open={dialog === 'new'} projectsDir={info.projectsDir} onClose={() => setDialog(null)} onCreated={onOpened} />
      <OpenProjectDialog open={dialog === 'open'} projectsDir={info.projectsDir} onClose={() => setDialog(null)} onOpened={onOpened} />
    </Box>
  );
}
