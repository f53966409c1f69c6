import { useState } from 'react';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import { PickerTooltip } from '../../components/picker-tooltip';
import Typography from '@mui/material/Typography';
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

/** Above the grid: what is shown, what is selected, and what can be done with it. */
export function PhotoToolbar(p: Props) {
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const oneClass = p.selectedClasses.size === 1 ? p.selectedClasses : new Set<number>();
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{
        alignItems: 'center',
        flexWrap: 'wrap',
        rowGap: 1,
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
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }} noWrap data-testid="grid-title">
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
          <Typography variant="body2" noWrap sx={{ flex: '1 0 auto', color: 'primary.main', fontWeight: 600 }} data-testid="selection-count">
            {p.selected} of {p.shown} selected
          </Typography>
          <Button onClick={p.onClear}>Clear selection</Button>
          <Button startIcon={<SelectAllIcon />} onClick={p.onSelectAll} disabled={p.selected === p.shown}>
            Select all
          </Button>
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
