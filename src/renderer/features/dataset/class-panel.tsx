import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { BACKGROUND_NAME, classTitle } from '../../../shared/background';
import type { DeckClass, LanguageCode } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { useUndo } from '../../components/undo-provider';
import { languageName } from '../projects/languages';
import { NameDialog } from '../projects/name-dialog';
import { AddClassDialog } from './add-class-dialog';
import { BackgroundSuggestion } from './background-suggestion';
import { fewPhotosWarning } from './balance';
import { ClassCard } from './class-card';
import { WordsCsvButton } from './words-csv-button';

interface Props {
  deckId: number;
  deckName: string;
  classes: DeckClass[];
  totalPhotos: number;
  languages: LanguageCode[];
  filter: number | null;
  /** The word a link asked for (see `parseWordFocus`), with a token that changes on each request. */
  focus?: { classId: number; language: LanguageCode | null; token: number } | null;
  onFilter(classId: number | null): void;
  onChanged(): void;
  onAddPhotos(classId: number): void;
  onCamera?(classId: number): void;
  onDropData(cls: DeckClass, dt: DataTransfer): void;
}

/** The deck's words as cards: pick one to see its photos, drop photos or files on one, edit its words. */
export function ClassPanel({
  deckId,
  deckName,
  classes,
  totalPhotos,
  languages,
  filter,
  focus,
  onFilter,
  onChanged,
  onAddPhotos,
  onCamera,
  onDropData,
}: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const history = useUndo();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<DeckClass | null>(null);
  const [deleting, setDeleting] = useState<DeckClass | null>(null);

  const saveWord = async (cls: DeckClass, lang: LanguageCode, word: string) => {
    const words = { ...cls.words };
    if (word) words[lang] = word;
    else delete words[lang];
    try {
      await client.updateClass({ classId: cls.id, words });
      onChanged();
      // Undo writes back every word as it was (an empty word removes it).
      const before = Object.fromEntries(
        Object.keys(words)
          .concat(Object.keys(cls.words))
          .map((l) => [l, cls.words[l] ?? '']),
      );
      const after = Object.fromEntries(Object.keys(before).map((l) => [l, words[l] ?? '']));
      history.record({
        label: word
          ? `${languageName(lang)} word for ${classTitle(cls)} set to “${word}”`
          : `${languageName(lang)} word for ${classTitle(cls)} removed`,
        undo: () => client.updateClass({ classId: cls.id, words: before }).then(() => undefined),
        redo: () => client.updateClass({ classId: cls.id, words: after }).then(() => undefined),
      });
    } catch (e) {
      notices.showError(e);
    }
  };
  const markBackground = async (cls: DeckClass, background: boolean) => {
    try {
      await client.setClassBackground({ classId: cls.id, background });
      onChanged();
      history.record({
        label: background ? `“${cls.key}” is now “${BACKGROUND_NAME}”` : `“${cls.key}” is a normal word again`,
        undo: () => client.setClassBackground({ classId: cls.id, background: !background }).then(() => undefined),
        redo: () => client.setClassBackground({ classId: cls.id, background }).then(() => undefined),
      });
    } catch (e) {
      notices.showError(e);
    }
  };
  const remove = async (cls: DeckClass) => {
    setDeleting(null);
    try {
      await client.deleteClass({ classId: cls.id });
      if (filter === cls.id) onFilter(null);
      onChanged();
    } catch (e) {
      notices.showError(e);
    }
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, pt: 2, pb: 1 }}>
        <Typography variant="h3" component="h2" sx={{ flex: 1 }}>
          Words
        </Typography>
        <Button size="small" variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          Add word
        </Button>
      </Stack>
      <Box sx={{ flex: 1, overflowY: 'auto', px: 2, pb: 2 }}>
        <ListItemButton selected={filter === null} onClick={() => onFilter(null)} sx={{ borderRadius: 2, mb: 1 }} data-testid="all-photos">
          <ListItemText primary="All photos" secondary={`${totalPhotos} in this deck`} slotProps={{ primary: { sx: { fontWeight: 600 } } }} />
        </ListItemButton>
        <Stack spacing={1.25} sx={{ mb: 1.25 }}>
          {classes.map((cls) => (
            <ClassCard
              key={cls.id}
              cls={cls}
              languages={languages}
              selected={filter === cls.id}
              warning={fewPhotosWarning(
                cls.photoCount,
                classes.filter((c) => c.id !== cls.id).map((c) => c.photoCount),
              )}
              onSelect={() => onFilter(cls.id)}
              onSaveWord={(lang, w) => saveWord(cls, lang, w)}
              focus={focus && focus.classId === cls.id ? focus : null}
              onRename={() => setRenaming(cls)}
              onDelete={() => setDeleting(cls)}
              otherBackground={classes.find((c) => c.background && c.id !== cls.id) ?? null}
              onBackground={(background) => void markBackground(cls, background)}
              onAddPhotos={() => onAddPhotos(cls.id)}
              onCamera={onCamera && (() => onCamera(cls.id))}
              onDropData={(dt) => onDropData(cls, dt)}
            />
          ))}
        </Stack>
        <BackgroundSuggestion deckId={deckId} classes={classes} dense onAdded={() => onChanged()} />
        {classes.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ px: 1, py: 2 }}>
            Add the words of this deck, or drop a folder whose subfolders are named after them (Apple, Orange…).
          </Typography>
        ) : null}
      </Box>
      <Box sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
        <WordsCsvButton deckId={deckId} deckName={deckName} languages={languages} classes={classes} onDone={onChanged} />
      </Box>
      <AddClassDialog
        open={adding}
        languages={languages}
        onClose={() => setAdding(false)}
        onCreate={async (key, words) => {
          await client.createClass({ deckId, key, words });
          setAdding(false);
          onChanged();
        }}
      />
      <NameDialog
        open={renaming !== null}
        title="Rename word"
        label="Short name"
        helperText="Used for folder and file names. The words in each language stay as they are."
        initial={renaming?.key ?? ''}
        submitLabel="Rename"
        onClose={() => setRenaming(null)}
        onSubmit={async (key) => {
          const { id, key: was } = renaming!;
          const renamed = await client.updateClass({ classId: id, key });
          setRenaming(null);
          onChanged();
          if (renamed.key !== was) {
            history.record({
              label: `Renamed ${was} to ${renamed.key}`,
              undo: () => client.updateClass({ classId: id, key: was }).then(() => undefined),
              redo: () => client.updateClass({ classId: id, key: renamed.key }).then(() => undefined),
            });
          }
        }}
      />
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)}>
        <DialogTitle>Delete “{deleting ? classTitle(deleting) : ''}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {deleting?.photoCount === 0
              ? 'The word will be removed from this deck. This cannot be undone.'
              : `The word and its ${deleting?.photoCount === 1 ? 'photo' : `${deleting?.photoCount ?? 0} photos`} will be removed from this deck. This cannot be undone.`}
          </DialogContentText>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => setDeleting(null)}>Keep it</Button>
          <Button color="error" variant="contained" onClick={() => deleting && void remove(deleting)}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
