import { useState } from 'react';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import { PickerTooltip } from '../../components/picker-tooltip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ClearIcon from '@mui/icons-material/Close';
import AddPhotoIcon from '@mui/icons-material/AddPhotoAlternateOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DriveFolderUploadIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMoveOutlined';
import SelectAllIcon from '@mui/icons-material/SelectAll';
import GridViewIcon from '@mui/icons-material/GridViewOutlined';
import BubbleChartIcon from '@mui/icons-material/BubbleChartOutlined';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { DeckClass } from '../../../shared/domain';
import { MoveMenu } from './move-menu';

interface Props {
  title: string;
  shown: number;
  selected: number;
  classes: DeckClass[];
  /** Classes every selected photo is already in (left out of "Move to…"). */
  selectedClasses: ReadonlySet<number>;
  onSelectAll(): void;
  onClear(): void;
  onMove(cls: DeckClass): void;
  onDelete(): void;
  onAddFiles(): void;
  onAddFolder(): void;
  /** The photos as a grid of thumbnails, or as a map of dots placed by likeness. */
  view: PhotoView;
  onView(view: PhotoView): void;
}

export type PhotoView = 'grid' | 'map';

/** Class of the labels that give way to their icon where the toolbar is narrow. */
const LABEL = 'photo-toolbar-label';
/** Toolbar width (px) under which they do: the selection's buttons need about this much. */
const COMPACT_BELOW = 900;

/** Above the grid: what is shown, what is selected, and what can be done with it. */
export function PhotoToolbar(p: Props) {
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const oneClass = p.selectedClasses.size === 1 ? p.selectedClasses : new Set<number>();
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      data-testid="photo-toolbar"
      sx={{
        alignItems: 'center',
        // One line whatever is selected: a second line would push the grid or the map down.
        flexWrap: 'nowrap',
        overflow: 'hidden',
        containerType: 'inline-size',
        // Where the toolbar is narrow, the selection's secondary buttons show their icon only.
        [`@container (max-width: ${COMPACT_BELOW}px)`]: {
          [`& .${LABEL}`]: { display: 'none' },
          [`& .${LABEL}-button .MuiButton-startIcon`]: { mx: 0 },
          [`& .${LABEL}-button`]: { minWidth: 40 },
        },
        '& > *': { flexShrink: 0 },
        px: 2,
        py: 1,
        minHeight: 56,
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
      }}
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={p.view}
        onChange={(_, v: PhotoView | null) => v && p.onView(v)}
        aria-label="Show the photos as"
      >
        <ToggleButton value="grid" data-testid="view-grid">
          <GridViewIcon fontSize="small" sx={{ mr: 0.5 }} />
          Grid
        </ToggleButton>
        <ToggleButton value="map" data-testid="view-map">
          <BubbleChartIcon fontSize="small" sx={{ mr: 0.5 }} />
          Map
        </ToggleButton>
      </ToggleButtonGroup>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, minWidth: 0, flexShrink: 1 }} noWrap data-testid="grid-title">
        {p.title}
      </Typography>
      {p.selected === 0 ? (
        <>
          <Typography variant="body2" color="text.secondary" noWrap sx={{ flex: '1 0 auto' }} data-testid="grid-count">
            {p.shown} {p.shown === 1 ? 'photo' : 'photos'}
          </Typography>
          <Button startIcon={<SelectAllIcon />} onClick={p.onSelectAll} disabled={p.shown === 0}>
            Select all
          </Button>
          <Divider orientation="vertical" flexItem />
          <PickerTooltip title="Pick photo files. They go to the word chosen on the left, or you will be asked which word.">
            <Button variant="contained" startIcon={<AddPhotoIcon />} onClick={p.onAddFiles}>
              Add photos
            </Button>
          </PickerTooltip>
          <PickerTooltip title="Pick a folder. Its subfolders named after words (Apple, Orange…) fill those words; new names become new words.">
            <Button variant="outlined" startIcon={<DriveFolderUploadIcon />} onClick={p.onAddFolder}>
              Add a folder
            </Button>
          </PickerTooltip>
        </>
      ) : (
        <>
          <Typography
            variant="body2"
            noWrap
            sx={{ flex: '1 1 auto', minWidth: 0, color: 'primary.main', fontWeight: 600 }}
            data-testid="selection-count"
          >
            {p.selected} of {p.shown} selected
          </Typography>
          <Tooltip title="Clear selection">
            <Button className={`${LABEL}-button`} startIcon={<ClearIcon />} onClick={p.onClear} aria-label="Clear selection">
              <span className={LABEL}>Clear selection</span>
            </Button>
          </Tooltip>
          <Tooltip title="Select all">
            {/* A disabled button gets no pointer events: the span carries the tooltip. */}
            <span>
              <Button
                className={`${LABEL}-button`}
                startIcon={<SelectAllIcon />}
                onClick={p.onSelectAll}
                disabled={p.selected === p.shown}
                aria-label="Select all"
              >
                <span className={LABEL}>Select all</span>
              </Button>
            </span>
          </Tooltip>
          <Button variant="outlined" startIcon={<DriveFileMoveIcon />} onClick={(e) => setMenu(e.currentTarget)}>
            Move to…
          </Button>
          <Button variant="outlined" color="error" startIcon={<DeleteIcon />} onClick={p.onDelete}>
            Delete
          </Button>
          <MoveMenu anchor={menu} classes={p.classes} exclude={oneClass} onClose={() => setMenu(null)} onMove={p.onMove} />
        </>
      )}
    </Stack>
  );
}
