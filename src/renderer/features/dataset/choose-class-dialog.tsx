import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { classTitle } from '../../../shared/background';
import type { DeckClass } from '../../../shared/domain';

interface Props {
  count: number | null;
  classes: DeckClass[];
  onClose(): void;
  onChoose(cls: DeckClass): void;
}

/** Loose photos dropped on the deck (not on a word, not in a named folder): ask which word they show. */
export function ChooseClassDialog({ count, classes, onClose, onChoose }: Props) {
  return (
    <Dialog open={count !== null} onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="choose-class-title">
      <DialogTitle id="choose-class-title">
        {count === 1 ? 'Which word does this photo show?' : `Which word do these ${count} photos show?`}
      </DialogTitle>
      <DialogContent>
        {classes.length === 0 ? (
          <Typography color="text.secondary">Add a word first (the “Add word” button), then add its photos.</Typography>
        ) : (
          <List dense>
            {classes.map((c) => (
              <ListItemButton key={c.id} onClick={() => onChoose(c)} sx={{ borderRadius: 2 }}>
                <ListItemText primary={classTitle(c)} secondary={`${c.photoCount} ${c.photoCount === 1 ? 'photo' : 'photos'} now`} />
              </ListItemButton>
            ))}
          </List>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Next time, drop photos straight onto a word’s card, or drop a folder named after the word.
        </Typography>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}
