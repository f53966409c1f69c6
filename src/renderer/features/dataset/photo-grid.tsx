import { memo, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type DragEvent } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import { useVirtualizer } from '@tanstack/react-virtual';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import type { Photo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import type { Selection } from './selection';

const MIN_CELL = 132;
const GAP = 8;

interface CellProps {
  photo: Photo;
  size: number;
  selected: boolean;
  /** Just taken with the camera: outlined and marked "New" so the teacher sees where it went. */
  fresh: boolean;
  label: string | null;
  src: string;
  onClick(photo: Photo, e: MouseEvent): void;
  onOpen(photo: Photo): void;
  onDragStart(photo: Photo, e: DragEvent): void;
}

/** A short word in the tile's top left corner ("New", "Cannot be read"). */
function CornerBadge({ color, title, testId, children }: { color: string; title?: string; testId?: string; children: string }) {
  return (
    <Box
      title={title}
      data-testid={testId}
      sx={{ position: 'absolute', top: 6, left: 6, px: 0.75, borderRadius: 1, bgcolor: color, color: 'white', fontSize: 12, fontWeight: 700 }}
    >
      {children}
    </Box>
  );
}

const Cell = memo(function Cell({ photo, size, selected, fresh, label, src, onClick, onOpen, onDragStart }: CellProps) {
  return (
    <Box
      role="button"
      aria-pressed={selected}
      aria-label={`Photo ${photo.originalName}${label ? ` (${label})` : ''}${photo.unreadable ? ' (its file cannot be read)' : ''}`}
      data-testid="photo"
      data-photo-id={photo.id}
      data-selected={selected ? 'true' : 'false'}
      data-fresh={fresh ? 'true' : 'false'}
      draggable
      onDragStart={(e) => onDragStart(photo, e)}
      onClick={(e) => onClick(photo, e)}
      onDoubleClick={() => onOpen(photo)}
      sx={(t) => ({
        position: 'relative',
        width: size,
        height: size,
        borderRadius: 2,
        overflow: 'hidden',
        cursor: 'pointer',
        bgcolor: 'grey.200',
        outline: selected ? `3px solid ${t.palette.primary.main}` : fresh ? `3px solid ${t.palette.success.main}` : 'none',
        outlineOffset: -3,
        '&:hover .zoom': { opacity: 1 },
        userSelect: 'none',
      })}
    >
      <img
        src={src}
        alt=""
        loading="lazy"
        decoding="async"
        draggable={false}
        style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block', opacity: selected ? 0.85 : 1 }}
      />
      {/* A damaged file says more than "New": it wins the corner. */}
      {photo.unreadable && !selected ? (
        <CornerBadge
          color="error.main"
          title={`${photo.unreadable} Delete it, then add the photo again from its original file.`}
          testId="photo-unreadable"
        >
          Cannot be read
        </CornerBadge>
      ) : fresh && !selected ? (
        <CornerBadge color="success.main">New</CornerBadge>
      ) : null}
      {selected ? <CheckCircleIcon color="primary" sx={{ position: 'absolute', top: 6, left: 6, bgcolor: 'white', borderRadius: '50%' }} /> : null}
      <IconButton
        className="zoom"
        size="small"
        aria-label="Open large"
        title="Open large"
        onClick={(e) => {
          e.stopPropagation();
          onOpen(photo);
        }}
        sx={{
          position: 'absolute',
          top: 4,
          right: 4,
          opacity: 0,
          bgcolor: 'rgba(0,0,0,0.45)',
          color: 'white',
          '&:hover': { bgcolor: 'rgba(0,0,0,0.65)' },
        }}
      >
        <ZoomInIcon fontSize="small" />
      </IconButton>
      {label ? (
        <Box
          sx={{
            position: 'absolute',
            left: 6,
            bottom: 6,
            px: 0.75,
            borderRadius: 1,
            bgcolor: 'rgba(0,0,0,0.55)',
            color: 'white',
            fontSize: 12,
            maxWidth: size - 12,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {label}
        </Box>
      ) : null}
    </Box>
  );
});

interface Props {
  photos: Photo[];
  /** Each class's name on screen (classTitle) by id, to label each photo when several classes are shown; null hides labels. */
  labels: Map<number, string> | null;
  selection: Selection;
  /** Photos to mark as just added. */
  fresh?: ReadonlySet<number>;
  /** Brought into view whenever it changes (the newest photo just taken). */
  reveal?: number | null;
  onClick(photo: Photo, e: MouseEvent): void;
  onOpen(photo: Photo): void;
  onDragStart(photo: Photo, e: DragEvent): void;
  onKeyDown(e: KeyboardEvent): void;
}

/** Thumbnails in rows, only the visible rows in the page: smooth with thousands of photos. */
export function PhotoGrid({ photos, labels, selection, fresh, reveal = null, onClick, onOpen, onDragStart, onKeyDown }: Props) {
  const { transport } = useStudio();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const inner = Math.max(0, width - 2 * GAP);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_CELL + GAP)));
  const size = Math.floor((inner - (columns - 1) * GAP) / columns);
  const rows = Math.ceil(photos.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => size + GAP,
    overscan: 4,
  });
  useEffect(() => virtualizer.measure(), [size, virtualizer]);
  const revealIndex = reveal === null ? -1 : photos.findIndex((p) => p.id === reveal);
  useEffect(() => {
    if (revealIndex >= 0 && width > 0) virtualizer.scrollToIndex(Math.floor(revealIndex / columns), { align: 'auto' });
  }, [revealIndex, columns, width, virtualizer]);

  return (
    <Box
      ref={scroller}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="photo-grid"
      aria-label="Photos"
      sx={{ height: '100%', overflowY: 'auto', outline: 'none', px: `${GAP}px`, pt: `${GAP}px` }}
    >
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {width > 0 &&
          virtualizer.getVirtualItems().map((row) => (
            <Box
              key={row.key}
              sx={{ position: 'absolute', top: 0, left: 0, width: '100%', display: 'flex', gap: `${GAP}px` }}
              style={{ transform: `translateY(${row.start}px)`, height: size }}
            >
              {photos.slice(row.index * columns, (row.index + 1) * columns).map((p) => (
                <Cell
                  key={p.id}
                  photo={p}
                  size={size}
                  selected={selection.ids.has(p.id)}
                  fresh={fresh?.has(p.id) ?? false}
                  label={labels?.get(p.classId) ?? null}
                  src={transport.mediaUrl('thumb', p.sha256)}
                  onClick={onClick}
                  onOpen={onOpen}
                  onDragStart={onDragStart}
                />
              ))}
            </Box>
          ))}
      </Box>
    </Box>
  );
}
