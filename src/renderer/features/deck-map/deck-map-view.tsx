import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import BubbleChartIcon from '@mui/icons-material/BubbleChartOutlined';
import { classTitle } from '../../../shared/background';
import type { DeckClass, Photo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import type { Selection } from '../dataset/selection';
import { mixedWords } from '../../../shared/mixed-words';
import { insidePolygon, wordColour, type Point } from './map-geometry';
import { useDeckMap } from './use-deck-map';

interface Props {
  deckId: number;
  /** Every photo of the deck (the map is arranged for all of them). */
  allPhotos: Photo[];
  /** The photos to draw (all, or one word's). */
  photos: Photo[];
  classes: DeckClass[];
  selection: Selection;
  onSelection(s: Selection): void;
  onOpen(photo: Photo): void;
  onKeyDown(e: KeyboardEvent): void;
}

/** The drawing's own units: the map's 0..1 square with a margin, whatever the window's size. */
const SIZE = 1000;
const MARGIN = 40;
const toView = (v: number) => MARGIN + v * (SIZE - 2 * MARGIN);

interface Dot {
  photo: Photo;
  x: number;
  y: number;
  colour: string;
  word: string;
}

interface Hover {
  dot: Dot;
  left: number;
  top: number;
}

/**
 * Every photo of the deck as a dot, placed by how alike the network sees the photos and coloured
 * by word: a teacher sees at once where two words mix. Hover shows the photo, a click opens it,
 * Ctrl/Shift+click or a lasso drawn around dots selects them for "Move to…" above.
 */
export function DeckMapView({ deckId, allPhotos, photos, classes, selection, onSelection, onOpen, onKeyDown }: Props) {
  const { transport } = useStudio();
  const state = useDeckMap(deckId, allPhotos, true);
  const svg = useRef<SVGSVGElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const [lasso, setLasso] = useState<Point[] | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);

  const classIndex = useMemo(() => new Map(classes.map((c, i) => [c.id, i])), [classes]);
  const dots = useMemo<Dot[]>(() => {
    const place = new Map((state.map?.points ?? []).map((p) => [p.sha256, p]));
    return photos.flatMap((photo) => {
      const p = place.get(photo.sha256);
      const i = classIndex.get(photo.classId) ?? -1;
      return p ? [{ photo, x: toView(p.x), y: toView(p.y), colour: wordColour(i), word: classes[i] ? classTitle(classes[i]) : '' }] : [];
    });
  }, [state.map, photos, classIndex, classes]);
  const mixed = useMemo(
    () =>
      mixedWords(
        dots.map((d) => [d.x, d.y]),
        dots.map((d) => d.word),
      ).slice(0, 3),
    [dots],
  );
  const shownWords = useMemo(() => classes.filter((c) => photos.some((p) => p.classId === c.id)), [classes, photos]);
  const radius = Math.max(4, Math.min(10, 180 / Math.sqrt(Math.max(1, dots.length))));

  /** A pointer position in the drawing's units. */
  const toSvg = (e: PointerEvent): Point => {
    const ctm = svg.current?.getScreenCTM();
    if (!ctm) return [0, 0];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return [p.x, p.y];
  };
  const adding = (e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => e.shiftKey || e.ctrlKey || e.metaKey;

  const startLasso = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setHover(null);
    setLasso([toSvg(e)]);
  };
  const moveLasso = (e: PointerEvent<SVGSVGElement>) => {
    if (!lasso) return;
    const p = toSvg(e);
    const last = lasso[lasso.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) > 4) setLasso([...lasso, p]);
  };
  const endLasso = (e: PointerEvent<SVGSVGElement>) => {
    if (!lasso) return;
    setLasso(null);
    const keep = adding(e) ? new Set(selection.ids) : new Set<number>();
    // A click on empty space (no loop drawn) clears the selection, as in the grid.
    if (lasso.length >= 3) for (const d of dots) if (insidePolygon([d.x, d.y], lasso)) keep.add(d.photo.id);
    onSelection({ ids: keep, anchor: keep.size > 0 ? [...keep][0] : null });
  };

  const clickDot = (dot: Dot, e: MouseEvent) => {
    if (adding(e)) {
      const ids = new Set(selection.ids);
      if (ids.has(dot.photo.id)) ids.delete(dot.photo.id);
      else ids.add(dot.photo.id);
      onSelection({ ids, anchor: dot.photo.id });
    } else {
      onOpen(dot.photo);
    }
  };
  const showHover = (dot: Dot, e: PointerEvent) => {
    const box = area.current?.getBoundingClientRect();
    if (!box || lasso) return;
    const left = Math.min(e.clientX - box.left + 16, box.width - 180);
    const top = Math.min(e.clientY - box.top + 16, box.height - 200);
    setHover({ dot, left: Math.max(0, left), top: Math.max(0, top) });
  };

  const waiting = state.map === null && state.error === null;
  const pct = state.progress && state.progress.total > 0 ? (100 * state.progress.done) / state.progress.total : null;
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }} data-testid="deck-map" tabIndex={0} onKeyDown={onKeyDown}>
      <Stack direction="row" spacing={1.5} sx={{ px: 2, pt: 1.5, pb: 1, alignItems: 'flex-start' }}>
        <BubbleChartIcon sx={{ color: 'primary.main', mt: 0.25 }} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography data-testid="map-caption">Photos that look alike sit close together. Words whose colours mix may confuse the model.</Typography>
          <Typography variant="body2" color="text.secondary">
            Point at a dot to see its photo, click it to open it. Draw a loop around dots to select them (Shift adds more), then use “Move to…”.
          </Typography>
        </Box>
      </Stack>
      {mixed.length > 0 && shownWords.length > 1 ? (
        <Alert severity="warning" sx={{ mx: 2, mb: 1 }} data-testid="map-mixed">
          {mixed.map((m) => `${m.a} and ${m.b}`).join(', ')} mix on the map: the model may confuse {mixed.length === 1 ? 'them' : 'these words'}. Look
          there for photos filed under the wrong word, or add clearer photos.
        </Alert>
      ) : null}
      {state.error ? <ErrorAlert error={state.error} sx={{ mx: 2, mb: 1 }} /> : null}
      {state.error ? (
        <Box sx={{ px: 2 }}>
          <Button onClick={state.retry}>Try again</Button>
        </Box>
      ) : null}
      <Box
        ref={area}
        sx={{ flex: 1, minHeight: 0, position: 'relative', mx: 2, mb: 1, borderRadius: 2, bgcolor: 'grey.50', border: 1, borderColor: 'divider' }}
      >
        {state.arranging || waiting ? (
          <Box
            sx={{ position: 'absolute', top: 0, left: 0, right: 0, p: 1.5, zIndex: 1, bgcolor: state.map ? 'transparent' : undefined }}
            data-testid="map-progress"
          >
            <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
              {state.map ? 'Placing the new photos… ' : ''}
              {state.progress?.message || 'Looking at the photos…'}
            </Typography>
            <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? 0} />
          </Box>
        ) : null}
        {state.map ? (
          <svg
            ref={svg}
            viewBox={`0 0 ${SIZE} ${SIZE}`}
            preserveAspectRatio="xMidYMid meet"
            width="100%"
            height="100%"
            role="img"
            aria-label={`Map of ${dots.length} photos`}
            data-testid="map-canvas"
            style={{ display: 'block', cursor: lasso ? 'crosshair' : 'default', touchAction: 'none', userSelect: 'none' }}
            onPointerDown={startLasso}
            onPointerMove={moveLasso}
            onPointerUp={endLasso}
          >
            {dots.map((d) => {
              const selected = selection.ids.has(d.photo.id);
              return (
                <circle
                  key={d.photo.id}
                  cx={d.x}
                  cy={d.y}
                  r={selected ? radius * 1.4 : radius}
                  fill={d.colour}
                  fillOpacity={0.85}
                  stroke={selected ? '#111' : '#fff'}
                  strokeWidth={selected ? 3 : 1}
                  data-testid="map-dot"
                  data-photo-id={d.photo.id}
                  data-word={d.word}
                  data-selected={selected ? 'true' : 'false'}
                  style={{ cursor: 'pointer' }}
                  onPointerDown={(e) => e.stopPropagation()}
                  onClick={(e) => clickDot(d, e)}
                  onPointerEnter={(e) => showHover(d, e)}
                  onPointerLeave={() => setHover((h) => (h?.dot === d ? null : h))}
                />
              );
            })}
            {lasso && lasso.length > 1 ? (
              <polygon
                points={lasso.map((p) => p.join(',')).join(' ')}
                fill="rgba(25, 118, 210, 0.08)"
                stroke="#1976d2"
                strokeWidth={2}
                strokeDasharray="8 6"
                data-testid="map-lasso"
                pointerEvents="none"
              />
            ) : null}
          </svg>
        ) : null}
        {hover ? (
          <Box
            data-testid="map-hover"
            sx={{
              position: 'absolute',
              left: hover.left,
              top: hover.top,
              width: 164,
              p: 0.75,
              bgcolor: 'background.paper',
              borderRadius: 2,
              boxShadow: 4,
              pointerEvents: 'none',
              zIndex: 2,
            }}
          >
            <img
              src={transport.mediaUrl('thumb', hover.dot.photo.sha256)}
              alt={hover.dot.photo.originalName}
              data-testid="map-hover-photo"
              style={{ width: 150, height: 150, objectFit: 'cover', borderRadius: 6, display: 'block' }}
            />
            <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', mt: 0.5 }}>
              <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: hover.dot.colour, flexShrink: 0 }} />
              <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap data-testid="map-hover-word">
                {hover.dot.word}
              </Typography>
            </Stack>
            <Typography variant="caption" color="text.secondary" noWrap component="p">
              {hover.dot.photo.originalName}
            </Typography>
          </Box>
        ) : null}
      </Box>
      <Stack
        direction="row"
        useFlexGap
        spacing={2}
        sx={{ px: 2, pb: 1.5, flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }}
        data-testid="map-legend"
      >
        {shownWords.map((c) => (
          <Stack key={c.id} direction="row" spacing={0.75} sx={{ alignItems: 'center' }} data-testid="map-legend-item" data-word={c.key}>
            <Box sx={{ width: 14, height: 14, borderRadius: '50%', bgcolor: wordColour(classIndex.get(c.id) ?? -1) }} />
            <Typography variant="body2">
              {classTitle(c)} <span style={{ opacity: 0.6 }}>({photos.filter((p) => p.classId === c.id).length})</span>
            </Typography>
          </Stack>
        ))}
        {state.map && state.map.unplaced.length > 0 ? (
          <Typography variant="body2" color="warning.dark" data-testid="map-unplaced">
            {state.map.unplaced.length} {state.map.unplaced.length === 1 ? 'photo' : 'photos'} could not be read and{' '}
            {state.map.unplaced.length === 1 ? 'is' : 'are'} not on the map.
          </Typography>
        ) : null}
      </Stack>
    </Box>
  );
}
