import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import type { MisclassifiedPhoto } from '../../../shared/api/training';
import type { DeckClass, Photo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { PhotoViewer } from '../dataset/photo-viewer';
import { labelFor, type ClassLabel } from './class-words';
import { WhyDialog } from '../deck-map/why-this-word';

interface Props {
  /** The version that made these mistakes ("why?" compares with the photos as its base model saw them). */
  deckId: number;
  versionId: number;
  /** The teacher's language, for the words. */
  language: string;
  items: MisclassifiedPhoto[];
  labels: Map<string, ClassLabel>;
  /** The deck's photos and words now, so a photo can be opened large and moved if it was sorted wrongly. */
  photos: Photo[];
  classes: DeckClass[];
  onMove(photo: Photo, cls: DeckClass): void;
  onDelete(photo: Photo): void;
}

const SIZE = 176;

/** The held-back photos the model got wrong, with what it said and how sure it was. */
export function MisclassifiedPhotos({ deckId, versionId, language, items, labels, photos, classes, onMove, onDelete }: Props) {
  const { client, transport } = useStudio();
  const [open, setOpen] = useState<number | null>(null);
  const [why, setWhy] = useState<MisclassifiedPhoto | null>(null);
  // Only photos still in the deck can be opened (one may have been deleted since this run).
  const openable = useMemo(() => {
    const byId = new Map(photos.map((p) => [p.id, p]));
    return items.map((m) => byId.get(m.photoId)).filter((p): p is Photo => p !== undefined);
  }, [items, photos]);

  if (items.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="none-misclassified">
        Every held-back photo was recognised: there are no mistakes to show.
      </Typography>
    );
  }
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {items.map((m) => {
          const is = labelFor(labels, m.trueKey).word;
          const said = labelFor(labels, m.predictedKey).word;
          const index = openable.findIndex((p) => p.id === m.photoId);
          return (
            <Box key={m.photoId} sx={{ width: SIZE }}>
              <ButtonBase
                data-testid="misclassified-photo"
                aria-label={`Photo of ${is} the model took for ${said}`}
                disabled={index < 0}
                onClick={() => setOpen(index)}
                sx={{
                  width: SIZE,
                  flexDirection: 'column',
                  alignItems: 'stretch',
                  textAlign: 'left',
                  borderRadius: 2,
                  overflow: 'hidden',
                  border: 1,
                  borderColor: 'divider',
                  bgcolor: 'background.paper',
                }}
              >
                <img
                  src={transport.mediaUrl('thumb', m.sha256)}
                  alt=""
                  loading="lazy"
                  style={{ width: SIZE, height: SIZE, objectFit: 'cover', display: 'block' }}
                />
                <Box sx={{ px: 1, py: 0.75 }}>
                  <Typography variant="body2">
                    is: <b>{is}</b>
                  </Typography>
                  <Typography variant="body2" color="error.main" data-testid="misclassified-said">
                    model said: <b>{said}</b> ({Math.round(m.confidence * 100)}%)
                  </Typography>
                </Box>
              </ButtonBase>
              <Button size="small" onClick={() => setWhy(m)} data-testid="misclassified-why">
                Why {said}?
              </Button>
            </Box>
          );
        })}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        Click a photo to see it large. If it was filed under the wrong word, move it there and train again.
      </Typography>
      <WhyDialog
        title={why ? `Why “${labelFor(labels, why.predictedKey).word}” and not “${labelFor(labels, why.trueKey).word}”?` : null}
        photoUrl={why ? transport.mediaUrl('thumb', why.sha256) : undefined}
        language={language}
        load={() =>
          client.findSimilarPhotos({
            deckId,
            versionId,
            query: { photoId: why?.photoId ?? 0 },
            classKeys: why ? [why.predictedKey, why.trueKey] : [],
          })
        }
        onClose={() => setWhy(null)}
      />
      <PhotoViewer
        photos={openable}
        index={open}
        classes={classes}
        onIndex={setOpen}
        onMove={(p, c) => {
          setOpen(null);
          onMove(p, c);
        }}
        onDelete={(p) => {
          setOpen(null);
          onDelete(p);
        }}
      />
    </>
  );
}
