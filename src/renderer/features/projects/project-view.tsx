import { useCallback, useEffect, useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import TranslateIcon from '@mui/icons-material/Translate';
import type { Deck, ProjectInfo } from '../../../shared/domain';
import { useStudio, useStudioEvent } from '../../api/hooks';
import { EllipsisText } from '../../components/ellipsis-text';
import { useNotices } from '../../components/notices';
import type { Route } from '../../app/route';
import { ImportProvider } from '../dataset/import/import-provider';
import { DeckList } from './deck-list';
import { DeckView } from './deck-view';
import { languageName } from './languages';
import { LanguagesDialog } from './languages-dialog';
import { NameDialog } from './name-dialog';

interface Props {
  project: ProjectInfo;
  route: Route;
  navigate(route: Route): void;
  onProject(p: ProjectInfo): void;
  onClose(): void;
}

const SIDEBAR = 260;

/** An open project: decks on the left, the chosen deck on the right. */
export function ProjectView({ project, route, navigate, onProject, onClose }: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const [decks, setDecks] = useState<Deck[] | null>(null);
  const [dialog, setDialog] = useState<'deck' | 'languages' | null>(null);

  const refreshDecks = useCallback(() => {
    client.listDecks().then(setDecks, notices.showError);
  }, [client, notices]);
  useEffect(refreshDecks, [refreshDecks]);
  useStudioEvent('photos.changed', refreshDecks);

  const deck = decks?.find((d) => d.id === route.deckId) ?? null;
  // Land on the first deck when the URL names none (or one that has gone).
  useEffect(() => {
    if (decks && decks.length > 0 && !deck) navigate({ deckId: decks[0].id, tab: null });
  }, [decks, deck, navigate]);

  const learning = project.targetLanguages.length > 0;
  const languages = learning
    ? `${languageName(project.sourceLanguage)} → ${project.targetLanguages.map(languageName).join(', ')}`
    : `${languageName(project.sourceLanguage)} →`;

  return (
    <ImportProvider>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="inherit" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar variant="dense" sx={{ gap: 2 }}>
            {/*
              One line at any window size: the studio's name and Close keep their width; the project's
              folder gives way first, then the languages and the project's name share what is left,
              the name keeping enough to be recognised (its whole text shows on hover; the languages'
              in their tooltip).
            */}
            <Typography variant="subtitle1" color="primary" noWrap sx={{ fontWeight: 700, flexShrink: 0 }}>
              Magritte Studio
            </Typography>
            <Divider orientation="vertical" flexItem />
            <EllipsisText variant="subtitle1" sx={{ fontWeight: 600, minWidth: 160, flexShrink: 1 }} text={project.name} data-testid="project-name" />
            {/* Grows from nothing into the room the others leave, so it is the first to give way. */}
            <Tooltip title={`Folder: ${project.dir}`}>
              <Typography variant="body2" color="text.secondary" noWrap sx={{ flex: '1 1 0', minWidth: 0 }}>
                {project.dir}
              </Typography>
            </Tooltip>
            {/* With no language to learn yet, the arrow leads to the way to add one rather than to nothing. */}
            <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5, flexShrink: 2, minWidth: learning ? 120 : 'auto' }}>
              <Tooltip title={`${languages}: the language you work in, and the languages your pupils learn`} describeChild>
                <Button
                  color="inherit"
                  startIcon={<TranslateIcon />}
                  onClick={() => setDialog('languages')}
                  sx={{ minWidth: 0, maxWidth: '100%', '& .label': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
                >
                  <span className="label">{languages}</span>
                </Button>
              </Tooltip>
              {learning ? null : (
                <Button
                  variant="contained"
                  size="small"
                  startIcon={<AddIcon />}
                  onClick={() => setDialog('languages')}
                  sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
                >
                  Add a language to learn
                </Button>
              )}
            </Stack>
            <Button variant="outlined" onClick={onClose} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
              Close project
            </Button>
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Box
            component="nav"
            sx={{ width: SIDEBAR, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflowY: 'auto' }}
          >
            <DeckList
              decks={decks ?? []}
              selectedId={deck?.id ?? null}
              onSelect={(id) => navigate({ deckId: id, tab: route.tab })}
              onNew={() => setDialog('deck')}
            />
          </Box>
          <Box component="main" sx={{ flex: 1, minWidth: 0, minHeight: 0 }}>
            {deck ? (
              <DeckView
                project={project}
                deck={deck}
                tab={route.tab}
                onTab={(tab) => navigate({ deckId: deck.id, tab })}
                refreshDecks={refreshDecks}
                onDeleted={() => {
                  navigate({ deckId: null, tab: null });
                  refreshDecks();
                }}
              />
            ) : decks && decks.length === 0 ? (
              <Box sx={{ display: 'flex', justifyContent: 'center', pt: 12, px: 3 }}>
                <Paper variant="outlined" sx={{ p: 4, maxWidth: 520, textAlign: 'center' }}>
                  <Typography variant="h2" gutterBottom>
                    Make your first deck
                  </Typography>
                  <Typography color="text.secondary" sx={{ mb: 3 }}>
                    A deck is a set of words your pupils learn together, such as “Fruits” or “In the classroom”. Each word gets its photos, and the
                    phone learns to recognise them.
                  </Typography>
                  <Button variant="contained" size="large" startIcon={<AddIcon />} onClick={() => setDialog('deck')}>
                    New deck
                  </Button>
                </Paper>
              </Box>
            ) : null}
          </Box>
        </Box>
      </Box>
      <NameDialog
        open={dialog === 'deck'}
        title="New deck"
        label="Deck name"
        helperText="For example “Fruits” or “In the classroom”."
        submitLabel="Create deck"
        onClose={() => setDialog(null)}
        onSubmit={async (name) => {
          const created = await client.createDeck({ name });
          // The list must hold the new deck before we go to it, or the view would fall back to the first deck.
          setDecks(await client.listDecks());
          setDialog(null);
          navigate({ deckId: created.id, tab: null });
        }}
      />
      <LanguagesDialog
        open={dialog === 'languages'}
        project={project}
        onClose={() => setDialog(null)}
        onSaved={(p) => {
          setDialog(null);
          onProject(p);
        }}
      />
    </ImportProvider>
  );
}
