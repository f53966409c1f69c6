import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import type { Deck, ProjectInfo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { DECK_TABS } from '../../app/deck-tabs';
import { PreparationLine } from '../train/preparation-line';
import { NameDialog } from './name-dialog';
import { ScreenScrollButton } from './screen-scroll-button';
import { EllipsisText } from '../../components/ellipsis-text';

interface Props {
  project: ProjectInfo;
  deck: Deck;
  tab: string | null;
  onTab(id: string): void;
  refreshDecks(): void;
  onDeleted(): void;
}

/** One deck: its name, its tabs (Photos, and whatever screens are registered), and the open tab. */
export function DeckView({ project, deck, tab, onTab, refreshDecks, onDeleted }: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const current = DECK_TABS.find((t) => t.id === tab) ?? DECK_TABS[0];
  const Current = current.component;

  const remove = async () => {
    setDialog(null);
    try {
      await client.deleteDeck({ deckId: deck.id });
      onDeleted();
    } catch (e) {
      notices.showError(e);
    }
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', px: 3, pt: 2 }} spacing={1}>
        <EllipsisText variant="h2" component="h1" text={deck.name} sx={{ minWidth: 0 }} data-testid="deck-title" />
        <Tooltip title="Deck options">
          <IconButton size="small" aria-label="Deck options" onClick={(e) => setMenu(e.currentTarget)}>
            <MoreVertIcon />
          </IconButton>
        </Tooltip>
        <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
          <MenuItem
            onClick={() => {
              setMenu(null);
              setDialog('rename');
            }}
          >
            Rename deck…
          </MenuItem>
          <MenuItem
            onClick={() => {
              setMenu(null);
              setDialog('delete');
            }}
            sx={{ color: 'error.main' }}
          >
            Delete deck…
          </MenuItem>
        </Menu>
        <PreparationLine deckId={deck.id} />
      </Stack>
      {/* On a narrow window the screens scroll sideways, with arrows at the ends, rather than being cut off. */}
      <Tabs
        value={current.id}
        onChange={(_e, id: string) => onTab(id)}
        variant="scrollable"
        scrollButtons="auto"
        slots={{ scrollButtons: ScreenScrollButton }}
        sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
        aria-label="Deck screens"
      >
        {DECK_TABS.map((t) => (
          <Tab
            key={t.id}
            value={t.id}
            label={t.badge ? <t.badge deck={deck} label={t.label} /> : t.label}
            icon={t.icon}
            iconPosition="start"
            sx={{ minHeight: 48, ...(t.badge ? { pr: 3 } : {}) }}
          />
        ))}
      </Tabs>
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <Current key={deck.id} project={project} deck={deck} refreshDeck={refreshDecks} />
      </Box>
      <NameDialog
        open={dialog === 'rename'}
        title="Rename deck"
        label="Deck name"
        initial={deck.name}
        submitLabel="Rename"
        onClose={() => setDialog(null)}
        onSubmit={async (name) => {
          await client.renameDeck({ deckId: deck.id, name });
          setDialog(null);
          refreshDecks();
        }}
      />
      <Dialog open={dialog === 'delete'} onClose={() => setDialog(null)}>
        <DialogTitle>Delete the deck “{deck.name}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Its {deck.classCount} words and {deck.photoCount} photos will be removed from this project. This cannot be undone.
          </DialogContentText>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => setDialog(null)}>Keep it</Button>
          <Button color="error" variant="contained" onClick={() => void remove()}>
            Delete deck
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
