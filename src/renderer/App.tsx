import { useCallback, useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { AppInfo } from '../shared/api';
import type { ProjectInfo } from '../shared/domain';
import { StudioProvider, useStudio } from './api/hooks';
import type { Studio } from './api/studio';
import { useRoute } from './app/route';
import { theme } from './app/theme';
import { ErrorAlert } from './components/error-alert';
import { NoticeProvider, useNotices } from './components/notices';
import { UndoProvider } from './components/undo-provider';
import { ProjectView } from './features/projects/project-view';
import { StartScreen } from './features/projects/start-screen';

function Shell() {
  const { client } = useStudio();
  const notices = useNotices();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [route, navigate] = useRoute();

  const load = useCallback(() => {
    setFailure(null);
    client.getAppInfo().then((i) => {
      setInfo(i);
      setProject(i.project);
    }, setFailure);
  }, [client]);
  useEffect(load, [load]);

  const opened = (p: ProjectInfo) => {
    setProject(p);
    navigate({ deckId: null, tab: null });
  };
  const close = async () => {
    try {
      await client.closeProject();
      navigate({ deckId: null, tab: null });
      setProject(null);
      load();
    } catch (e) {
      notices.showError(e);
    }
  };

  if (failure) {
    return (
      <Box sx={{ maxWidth: 560, mx: 'auto', pt: 12 }}>
        <ErrorAlert error={failure} />
        <Button sx={{ mt: 2 }} variant="contained" onClick={load}>
          Try again
        </Button>
      </Box>
    );
  }
  if (!info) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', pt: 16 }}>
        <CircularProgress aria-label="Loading" />
      </Box>
    );
  }
  return project ? (
    <UndoProvider key={project.dir}>
      <ProjectView project={project} route={route} navigate={navigate} onProject={setProject} onClose={() => void close()} />
    </UndoProvider>
  ) : (
    <StartScreen info={info} onOpened={opened} />
  );
}

export function App({ studio }: { studio: Studio }) {
  return (
    <StudioProvider studio={studio}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <NoticeProvider>
          <Shell />
        </NoticeProvider>
      </ThemeProvider>
    </StudioProvider>
  );
}
