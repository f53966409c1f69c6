import { classTitle } from '../../../shared/background';
import { DropOverlay } from '../../components/drop-overlay';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import PhotoLibraryIcon from '@mui/icons-material/PhotoLibraryOutlined';
import type { DeckClass, Photo } from '../../../shared/domain';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { parseWordFocus } from '../../app/route';
import { ErrorAlert } from '../../components/error-alert';
import { CameraPanel } from '../capture/camera-panel';
import { ChooseClassDialog } from './choose-class-dialog';
import { ClassPanel } from './class-panel';
import { dragHasPhotos, PHOTO_DRAG_TYPE, readDraggedPhotos, setDragLabel } from './drag-photos';
import { filesFromDrop } from './drop-files';
import { HiddenPhotoInputs } from './hidden-photo-inputs';
import { useImports } from './import/import-provider';
import { PhotoGrid } from './photo-grid';
import { PhotoToolbar, type PhotoView } from './photo-toolbar';
import { DeckMapView } from '../deck-map/deck-map-view';
import { PhotoViewer } from './photo-viewer';
import { needsClass, toRelativePaths, type FoundFile } from './relative-paths';
import { clickSelect, EMPTY_SELECTION, keepVisible, selectAll, type Selection } from './selection';
import { useDeckData } from './use-deck-data';
import { useFileDrop } from './use-file-drop';
import { usePhotoActions } from './use-photo-actions';

type Picked = { file: File; relativePath: string };
type Focus = { classId: number; language: string | null; token: number };

/**
 * Photos taken with the camera since it was opened, and the newest of them: the grid marks them
 * and scrolls to the newest, so a burst never lands unseen below the fold.
 */
function useFreshPhotos(photos: Photo[] | null | undefined, cameraOpen: boolean): { ids: ReadonlySet<number>; newest: number | null } {
  const known = useRef<Set<number> | null>(null);
  const [fresh, setFresh] = useState<{ ids: ReadonlySet<number>; newest: number | null }>({ ids: new Set(), newest: null });
  useEffect(() => {
    if (!photos) return;
    if (!cameraOpen || known.current === null) {
      // Opening the camera starts a new batch; what was there before is not new.
      known.current = cameraOpen ? new Set(photos.map((p) => p.id)) : null;
      if (cameraOpen) setFresh({ ids: new Set(), newest: null });
      return;
    }
    const added = photos.filter((p) => !known.current!.has(p.id) && p.source === 'camera');
    if (added.length === 0) return;
    for (const p of added) known.current.add(p.id);
    setFresh((f) => ({ ids: new Set([...f.ids, ...added.map((p) => p.id)]), newest: Math.max(...added.map((p) => p.id)) }));
  }, [photos, cameraOpen]);
  return fresh;
}

/**
 * The word a link asked for (`#/deck/3/photos?word=12&lang=fr`, from Export's "Go to Photos"),
 * taken once the words are loaded; the query is then dropped from the address so a reload or the
 * Back button does not ask again.
 */
function useWordFocus(loaded: boolean): [Focus | null, (f: Focus | null) => void] {
  const [focus, setFocus] = useState<Focus | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const take = () => {
      const f = parseWordFocus(window.location.hash);
      if (!f) return;
      setFocus((old) => ({ ...f, token: (old?.token ?? 0) + 1 }));
      window.history.replaceState(null, '', window.location.hash.slice(0, window.location.hash.indexOf('?')));
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, [loaded]);
  return [focus, setFocus];
}

function PhotosTab({ project, deck, refreshDeck }: DeckTabProps) {
  const { classes, photos, error, reload: reloadData } = useDeckData(deck.id);
  const reload = useCallback(async () => {
    await reloadData();
    refreshDeck();
  }, [reloadData, refreshDeck]);
  const imports = useImports();
  const { move, remove } = usePhotoActions(reload);
  const [filter, setFilter] = useState<number | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [viewer, setViewer] = useState<number | null>(null);
  const [view, setView] = useState<PhotoView>('grid');
  const [loose, setLoose] = useState<Picked[] | null>(null);
  const [cameraFor, setCameraFor] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const pickFor = useRef<number | null>(null);
  const languages = useMemo(() => [project.sourceLanguage, ...project.targetLanguages], [project]);

  const classList = useMemo(() => classes ?? [], [classes]);
  const byId = useMemo(() => new Map(classList.map((c) => [c.id, c])), [classList]);
  const shown = useMemo(() => (photos ?? []).filter((p) => filter === null || p.classId === filter), [photos, filter]);
  const order = useMemo(() => shown.map((p) => p.id), [shown]);
  const labels = useMemo(() => (filter === null ? new Map(classList.map((c) => [c.id, classTitle(c)])) : null), [filter, classList]);
  useEffect(() => setSelection((s) => keepVisible(s, order)), [order]);
  useEffect(() => {
    if (filter !== null && classes && !byId.has(filter)) setFilter(null);
  }, [filter, classes, byId]);
  const [focus, setFocus] = useWordFocus(classes !== null && classes !== undefined);
  const fresh = useFreshPhotos(photos, cameraFor !== null);
  useEffect(() => {
    if (focus && byId.has(focus.classId)) setFilter(focus.classId);
  }, [focus, byId]);

  const selectedPhotos = () => shown.filter((p) => selection.ids.has(p.id));
  const intoClass = (cls: DeckClass, files: Picked[]) =>
    files.length > 0 && imports.start({ deckId: deck.id, classId: cls.id, targetLabel: classTitle(cls), files });

  /** Files dropped or picked for the whole deck: folders name their word; loose files need one. */
  const intoDeck = (found: FoundFile<File>[]) => {
    const rel = toRelativePaths(found, 'deck');
    const foldered = rel.filter((f) => !needsClass(f.relativePath));
    const looseFiles = rel.filter((f) => needsClass(f.relativePath));
    if (foldered.length > 0) imports.start({ deckId: deck.id, targetLabel: deck.name, files: foldered });
    const current = filter !== null ? byId.get(filter) : undefined;
    if (looseFiles.length > 0) {
      if (current) intoClass(current, looseFiles);
      else setLoose(looseFiles);
    }
  };
  const deckDrop = useFileDrop(intoDeck);

  const dropOnClass = (cls: DeckClass, dt: DataTransfer) => {
    if (dragHasPhotos(dt)) {
      const ids = new Set(readDraggedPhotos(dt));
      void move(
        (photos ?? []).filter((p) => ids.has(p.id)),
        cls,
      );
      return;
    }
    void filesFromDrop(dt).then((found) => intoClass(cls, toRelativePaths(found, 'class')));
  };

  const onClick = useCallback(
    (photo: Photo, e: MouseEvent) => setSelection((s) => clickSelect(s, order, photo.id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey })),
    [order],
  );
  const onOpen = useCallback((photo: Photo) => setViewer(order.indexOf(photo.id)), [order]);
  const onDragStart = useCallback(
    (photo: Photo, e: DragEvent) => {
      let ids = [...selection.ids];
      if (!selection.ids.has(photo.id)) {
        ids = [photo.id];
        setSelection({ ids: new Set(ids), anchor: photo.id });
      }
      e.dataTransfer.setData(PHOTO_DRAG_TYPE, JSON.stringify(ids));
      e.dataTransfer.effectAllowed = 'move';
      setDragLabel(e.dataTransfer, ids.length);
    },
    [selection],
  );
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelection(selectAll(order));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      void remove([...selection.ids]);
    } else if (e.key === 'Escape') {
      setSelection(EMPTY_SELECTION);
    } else if (e.key === 'Enter' && selection.anchor !== null) {
      setViewer(order.indexOf(selection.anchor));
    }
  };

  if (error) return <ErrorAlert error={error} sx={{ m: 3 }} />;
  if (!classes || !photos)
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', pt: 8 }}>
        <CircularProgress aria-label="Loading photos" />
      </Box>
    );
  const current = filter !== null ? byId.get(filter) : undefined;
  const selectedClasses = new Set(selectedPhotos().map((p) => p.classId));
  // The camera opens beside the word list (which stays in view), the grid to its right.
  const camera = cameraFor !== null ? byId.get(cameraFor) : undefined;

  return (
    <Box sx={{ display: 'flex', height: '100%', minHeight: 0 }}>
      <Box
        sx={{ width: camera ? 300 : 340, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.default' }}
        data-testid="words-column"
      >
        <ClassPanel
          deckId={deck.id}
          deckName={deck.name}
          classes={classes}
          totalPhotos={photos.length}
          languages={languages}
          filter={filter}
          focus={focus}
          onFilter={(id) => {
            setFocus(null);
            setFilter(id);
            // With the camera open, picking a word sends the next photos there.
            if (id !== null && cameraFor !== null) setCameraFor(id);
          }}
          onChanged={() => void reload()}
          onAddPhotos={(classId) => {
            pickFor.current = classId;
            fileInput.current?.click();
          }}
          onDropData={dropOnClass}
          onCamera={(classId) => {
            setFilter(classId);
            setCameraFor(classId);
          }}
        />
      </Box>
      {camera ? (
        <Box sx={{ width: 380, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
          <CameraPanel
            deckId={deck.id}
            classes={classes}
            classId={camera.id}
            onClass={(id) => {
              setCameraFor(id);
              setFilter(id);
            }}
            onClose={() => setCameraFor(null)}
          />
        </Box>
      ) : null}
      <Box
        sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', position: 'relative' }}
        data-testid="deck-drop-zone"
        {...deckDrop.dropProps}
      >
        <PhotoToolbar
          title={current ? classTitle(current) : 'All photos'}
          shown={shown.length}
          selected={selection.ids.size}
          classes={classes}
          selectedClasses={selectedClasses}
          onSelectAll={() => setSelection(selectAll(order))}
          onClear={() => setSelection(EMPTY_SELECTION)}
          onMove={(cls) => void move(selectedPhotos(), cls)}
          onDelete={() => void remove([...selection.ids])}
          onAddFiles={() => {
            pickFor.current = null;
            fileInput.current?.click();
          }}
          onAddFolder={() => folderInput.current?.click()}
          view={view}
          onView={setView}
        />
        <Box sx={{ flex: 1, minHeight: 0 }} data-testid="photo-view">
          {view === 'map' && shown.length > 0 ? (
            <DeckMapView
              deckId={deck.id}
              allPhotos={photos}
              photos={shown}
              classes={classes}
              selection={selection}
              onSelection={setSelection}
              onOpen={onOpen}
              onKeyDown={onKeyDown}
            />
          ) : shown.length > 0 ? (
            <PhotoGrid
              photos={shown}
              labels={labels}
              selection={selection}
              fresh={fresh.ids}
              reveal={fresh.newest}
              onClick={onClick}
              onOpen={onOpen}
              onDragStart={onDragStart}
              onKeyDown={onKeyDown}
            />
          ) : (
            <Box sx={{ textAlign: 'center', pt: 10, px: 4, color: 'text.secondary' }} data-testid="grid-empty">
              <PhotoLibraryIcon sx={{ fontSize: 56, color: 'grey.400' }} />
              <Typography variant="h3" component="p" sx={{ mt: 1, color: 'text.primary' }}>
                {current?.background
                  ? 'No photos of what the model should stay quiet on yet: the empty desk, the classroom, hands'
                  : current
                    ? `No photos of “${current.key}” yet`
                    : 'No photos in this deck yet'}
              </Typography>
              <Typography sx={{ mt: 1, maxWidth: 520, mx: 'auto' }}>
                {current
                  ? 'Drag photos from your computer onto this page or onto the word’s card, or use “Add photos”.'
                  : 'Drag a folder here whose subfolders are named after your words (Apple, Orange…), or drag photos onto a word’s card on the left.'}
              </Typography>
            </Box>
          )}
        </Box>
        {deckDrop.over ? (
          <DropOverlay
            message={
              current ? `Drop to add these photos to “${classTitle(current)}”` : 'Drop photos or folders: folders named after a word fill that word'
            }
          />
        ) : null}
      </Box>
      <HiddenPhotoInputs
        filesRef={fileInput}
        folderRef={folderInput}
        testIds={{ files: 'photo-file-input', folder: 'photo-folder-input' }}
        onPicked={(found, from) => {
          if (from === 'folder') return intoDeck(found);
          const cls = byId.get(pickFor.current ?? filter ?? -1);
          pickFor.current = null;
          if (cls) intoClass(cls, toRelativePaths(found, 'class'));
          else intoDeck(found.map((f) => ({ ...f, path: f.file.name })));
        }}
      />
      <ChooseClassDialog
        count={loose?.length ?? null}
        classes={classes}
        onClose={() => setLoose(null)}
        onChoose={(cls) => {
          if (loose) intoClass(cls, loose);
          setLoose(null);
        }}
      />
      <PhotoViewer
        photos={shown}
        index={viewer}
        classes={classes}
        onIndex={setViewer}
        onMove={(p, cls) => void move([p], cls)}
        onDelete={(p) => {
          setViewer(null);
          void remove([p.id]);
        }}
      />
    </Box>
  );
}

export const photosTab: DeckTab = {
  id: 'photos',
  label: 'Photos',
  icon: <PhotoLibraryIcon fontSize="small" />,
  component: PhotosTab,
};
