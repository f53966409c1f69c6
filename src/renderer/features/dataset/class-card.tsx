import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { PickerTooltip } from '../../components/picker-tooltip';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import AddPhotoIcon from '@mui/icons-material/AddPhotoAlternateOutlined';
import CameraIcon from '@mui/icons-material/PhotoCameraOutlined';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PhotoIcon from '@mui/icons-material/PhotoLibraryOutlined';
import WarningIcon from '@mui/icons-material/WarningAmberRounded';
import { BACKGROUND_NAME, classTitle } from '../../../shared/background';
import type { DeckClass, LanguageCode } from '../../../shared/domain';
import { dragHasFiles } from './drop-files';
import { dragHasPhotos } from './drag-photos';
import { WordRow } from './word-row';

interface Props {
  cls: DeckClass;
  languages: LanguageCode[];
  selected: boolean;
  warning: string | null;
  onSelect(): void;
  onSaveWord(lang: LanguageCode, word: string): Promise<void>;
  /** Set when a link asked for this word: the card scrolls into view, that language's word opens for typing. */
  focus?: { language: LanguageCode | null; token: number } | null;
  onRename(): void;
  onDelete(): void;
  /** The deck's "Nothing I know" when it is another word: this one cannot become it then. */
  otherBackground: DeckClass | null;
  /** Makes this word the deck's "Nothing I know", or a normal word again. */
  onBackground(background: boolean): void;
  onAddPhotos(): void;
  /** Opens the camera to shoot photos into this word (absent: no camera button). */
  onCamera?(): void;
  /** A drop of photos from the grid (move) or files from the OS (import). */
  onDropData(dt: DataTransfer): void;
}

/** One word of the deck: its key, its word in each language, its photo count, and a drop target. */
export function ClassCard({
  cls,
  languages,
  selected,
  warning,
  onSelect,
  onSaveWord,
  focus,
  onRename,
  onDelete,
  otherBackground,
  onBackground,
  onAddPhotos,
  onCamera,
  onDropData,
}: Props) {
  const title = classTitle(cls);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) card.current?.scrollIntoView({ block: 'center' });
  }, [focus]);
  const [over, setOver] = useState(false);
  const accepts = (dt: DataTransfer | null) => dragHasPhotos(dt) || dragHasFiles(dt);

  return (
    <Paper
      ref={card}
      variant="outlined"
      data-testid="class-card"
      data-class-key={cls.key}
      aria-label={`Class ${title}`}
      onDragOver={(e) => {
        if (!accepts(e.dataTransfer)) return;
        e.preventDefault();
        e.stopPropagation();
        e.dataTransfer.dropEffect = dragHasPhotos(e.dataTransfer) ? 'move' : 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOver(false)}
      onDrop={(e) => {
        if (!accepts(e.dataTransfer)) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        onDropData(e.dataTransfer);
      }}
      sx={(t) => ({
        px: 1.5,
        py: 1.25,
        cursor: 'pointer',
        borderWidth: selected || over ? 2 : 1,
        m: selected || over ? 0 : '1px',
        borderColor: over ? t.palette.secondary.main : selected ? t.palette.primary.main : undefined,
        borderStyle: over ? 'dashed' : 'solid',
        bgcolor: over ? alpha(t.palette.secondary.main, 0.08) : selected ? alpha(t.palette.primary.main, 0.04) : 'background.paper',
        transition: 'background-color 120ms',
      })}
      onClick={onSelect}
    >
      {/*
        The title's longest word decides the line: when it does not fit beside the count and the
        buttons, they move to a row of their own below it, so a word is never cut in two (Chromium
        on Linux has no hyphenation dictionaries). Spaces still wrap ("Football / world cup").
      */}
      <Stack direction="row" sx={{ alignItems: 'center', columnGap: 1, flexWrap: 'wrap' }}>
        <ButtonBase
          onClick={(e) => {
            e.stopPropagation();
            onSelect();
          }}
          aria-pressed={selected}
          title={`Show the photos of ${title}`}
          sx={{ flex: '1 1 min-content', minWidth: 0, justifyContent: 'flex-start', borderRadius: 1 }}
        >
          {/* Wraps at spaces rather than cuts; only a word longer than the whole card breaks. */}
          <Typography
            variant="subtitle1"
            sx={{ fontWeight: 700, lineHeight: 1.3, textAlign: 'left', overflowWrap: 'break-word', minWidth: 0 }}
            data-testid="class-key"
            title={cls.background ? `Label: ${cls.key}` : undefined}
          >
            {title}
          </Typography>
        </ButtonBase>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, ml: 'auto' }} data-testid="class-actions">
          <Tooltip title={`${cls.photoCount} ${cls.photoCount === 1 ? 'photo' : 'photos'}`}>
            <Chip size="small" icon={<PhotoIcon />} label={cls.photoCount} data-testid="class-count" />
          </Tooltip>
          <PickerTooltip title={`Add photos to ${title}`}>
            <IconButton
              size="small"
              aria-label={`Add photos to ${title}`}
              onClick={(e) => {
                e.stopPropagation();
                onAddPhotos();
              }}
            >
              <AddPhotoIcon fontSize="small" />
            </IconButton>
          </PickerTooltip>
          {onCamera ? (
            <Tooltip title={`Take photos of ${title} with the camera`}>
              <IconButton
                size="small"
                aria-label={`Camera for ${title}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onCamera();
                }}
              >
                <CameraIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          ) : null}
          <IconButton
            size="small"
            aria-label={`Options for ${title}`}
            onClick={(e) => {
              e.stopPropagation();
              setMenu(e.currentTarget);
            }}
          >
            <MoreVertIcon fontSize="small" />
          </IconButton>
        </Stack>
        <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)} onClick={(e) => e.stopPropagation()}>
          <MenuItem
            onClick={() => {
              setMenu(null);
              onRename();
            }}
          >
            Rename…
          </MenuItem>
          <MenuItem
            onClick={() => {
              setMenu(null);
              onAddPhotos();
            }}
          >
            Add photos…
          </MenuItem>
          {cls.background ? (
            <MenuItem
              onClick={() => {
                setMenu(null);
                onBackground(false);
              }}
            >
              <ListItemText primary="Use as a normal word" secondary="Its photos stay; the model names it again." />
            </MenuItem>
          ) : (
            <MenuItem
              disabled={otherBackground !== null}
              onClick={() => {
                setMenu(null);
                onBackground(true);
              }}
              // Greyed out, the reason would be hard to read: only the action looks unavailable.
              sx={{ '&.Mui-disabled': { opacity: 1 }, '&.Mui-disabled .MuiListItemText-primary': { color: 'text.disabled' } }}
            >
              <ListItemText
                primary={`Use as “${BACKGROUND_NAME}”`}
                secondary={
                  otherBackground
                    ? `This deck already has one: “${otherBackground.key}”. Make it a normal word first.`
                    : 'What the model stays quiet on: the empty desk, the classroom, hands.'
                }
                slotProps={{ secondary: { sx: { whiteSpace: 'normal', maxWidth: 280 } } }}
              />
            </MenuItem>
          )}
          <MenuItem
            onClick={() => {
              setMenu(null);
              onDelete();
            }}
            sx={{ color: 'error.main' }}
          >
            Delete word…
          </MenuItem>
        </Menu>
      </Stack>
      {cls.background ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="background-note">
          Photos of the empty desk, the classroom, hands: what is none of the words. When the model sees this, nothing is shown or said. No words
          needed.
        </Typography>
      ) : (
        <Box sx={{ mt: 0.25 }}>
          {languages.map((lang) => (
            <WordRow
              key={focus?.language === lang ? `${lang}-${focus.token}` : lang}
              lang={lang}
              word={cls.words[lang]}
              autoEdit={focus?.language === lang}
              onSave={(w) => onSaveWord(lang, w)}
            />
          ))}
        </Box>
      )}
      {warning ? (
        <Stack direction="row" spacing={0.75} sx={{ mt: 1, color: 'warning.dark', alignItems: 'flex-start' }} data-testid="class-warning">
          <WarningIcon fontSize="small" sx={{ mt: '1px' }} />
          <Typography variant="body2">{warning}</Typography>
        </Stack>
      ) : null}
    </Paper>
  );
}
