import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import StyleIcon from '@mui/icons-material/StyleOutlined';
import type { Deck } from '../../../shared/domain';
import { EllipsisText } from '../../components/ellipsis-text';

function counts(d: Deck): string {
  const words = `${d.classCount} ${d.classCount === 1 ? 'word' : 'words'}`;
  return `${words} · ${d.photoCount} ${d.photoCount === 1 ? 'photo' : 'photos'}`;
}

/** The project's decks in the left column, with "New deck". */
export function DeckList({
  decks,
  selectedId,
  onSelect,
  onNew,
}: {
  decks: Deck[];
  selectedId: number | null;
  onSelect(id: number): void;
  onNew(): void;
}) {
  return (
    <Box sx={{ p: 1.5 }}>
      <Typography variant="overline" color="text.secondary" sx={{ px: 1 }}>
        Decks
      </Typography>
      <List dense disablePadding aria-label="Decks">
        {decks.map((d) => (
          <ListItemButton
            key={d.id}
            selected={d.id === selectedId}
            onClick={() => onSelect(d.id)}
            sx={{ borderRadius: 2, mb: 0.5 }}
            data-testid="deck-item"
          >
            <ListItemIcon sx={{ minWidth: 36 }}>
              <StyleIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText
              primary={<EllipsisText variant="body2" component="span" text={d.name} sx={{ display: 'block', fontWeight: 600 }} />}
              secondary={counts(d)}
              slotProps={{ primary: { component: 'div' } }}
            />
          </ListItemButton>
        ))}
      </List>
      <Button startIcon={<AddIcon />} fullWidth sx={{ mt: 1, justifyContent: 'flex-start', pl: 2 }} onClick={onNew}>
        New deck
      </Button>
    </Box>
  );
}
