import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import CloseIcon from '@mui/icons-material/Close';
import { classTitle } from '../../../shared/background';
import type { DeckClass, Photo } from '../../../shared/domain';
import { formatBytes } from '../../../shared/format';
import { useStudio } from '../../api/hooks';
import { MoveMenu } from './move-menu';

interface Props {
  photos: Photo[];
  index: number | null;
  classes: DeckClass[];
  onIndex(i: number | null): void;
  onMove(photo: Photo, cls: DeckClass): void;
  onDelete(photo: Photo): void;
}

/** One photo large (the original), with arrows to step through the photos shown in the grid. */
export function PhotoViewer({ photos, index, classes, onIndex, onMove, onDelete }: Props) {
  const { transport } = useStudio();
  const photo = index !== null ? photos[index] : undefined;
  const [fallback, setFallback] = useState(false);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  useEffect(() => setFallback(false), [photo?.sha256]);
  const cls = classes.find((c) => c.id === photo?.classId);
  const step = (d: number) => index !== null && onIndex(Math.min(photos.length - 1, Math.max(0, index + d)));

  return (
    <Dialog
      open={photo !== undefined}
      onClose={() => onIndex(null)}
      maxWidth="lg"
      fullWidth
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') step(-1);
        if (e.key === 'ArrowRight') step(1);
      }}
      aria-labelledby="photo-viewer-title"
    >
      {photo ? (
        <>
          <DialogTitle id="photo-viewer-title" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="h3" component="span" noWrap>
                {cls ? classTitle(cls) : ''}
              </Typography>
              <Typography variant="body2" color="text.secondary" noWrap>
                {photo.originalName} · {photo.width} × {photo.height} · {formatBytes(photo.bytes)} · {index! + 1} of {photos.length}
              </Typography>
            </Box>
            <IconButton aria-label="Close" onClick={() => onIndex(null)}>
              <CloseIcon />
            </IconButton>
          </DialogTitle>
          <DialogContent sx={{ position: 'relative', display: 'flex', justifyContent: 'center', bgcolor: 'grey.900', p: '0 !important' }}>
            <img
              src={transport.mediaUrl(fallback ? 'thumb' : 'blob', photo.sha256)}
              alt={photo.originalName}
              data-testid="photo-large"
              // Some originals (TIFF, say) are not shown by browsers: the thumbnail stands in.
              onError={() => setFallback(true)}
              style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain', display: 'block' }}
            />
            <IconButton
              aria-label="Previous photo"
              disabled={index === 0}
              onClick={() => step(-1)}
              sx={{
                position: 'absolute',
                left: 8,
                top: '50%',
                transform: 'translateY(-50%)',
                bgcolor: 'rgba(255,255,255,0.85)',
                '&:hover': { bgcolor: 'white' },
              }}
            >
              <ChevronLeftIcon />
            </IconButton>
            <IconButton
              aria-label="Next photo"
              disabled={index === photos.length - 1}
              onClick={() => step(1)}
              sx={{
                position: 'absolute',
                right: 8,
                top: '50%',
                transform: 'translateY(-50%)',
                bgcolor: 'rgba(255,255,255,0.85)',
                '&:hover': { bgcolor: 'white' },
              }}
            >
              <ChevronRightIcon />
            </IconButton>
          </DialogContent>
          <DialogActions sx={{ px: 3, py: 1.5 }}>
            <Stack direction="row" spacing={1} sx={{ flex: 1 }}>
              <Button variant="outlined" onClick={(e) => setMenu(e.currentTarget)}>
                Move to…
              </Button>
              <Button color="error" onClick={() => onDelete(photo)}>
                Delete
              </Button>
            </Stack>
          </DialogActions>
          <MoveMenu
            anchor={menu}
            classes={classes}
            exclude={new Set([photo.classId])}
            onClose={() => setMenu(null)}
            onMove={(c) => onMove(photo, c)}
          />
        </>
      ) : null}
    </Dialog>
  );
}
