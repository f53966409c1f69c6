import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FolderIcon from '@mui/icons-material/FolderOpenOutlined';
import PhotoIcon from '@mui/icons-material/AddPhotoAlternateOutlined';
import { BACKGROUND_NAME } from '../../../shared/background';
import type { LanguageCode } from '../../../shared/domain';
import type { Classification, LiveClassifier } from '../../ml';
import { wordIn } from '../../ml/ranking';
import { MissingMark } from './missing-mark';
import { describeError } from '../../components/error-alert';
import { QuietDots } from '../../components/quiet-dots';
import { TopBars } from './top-bars';
import { PhotoPreview } from './photo-preview';
import { useStudio } from '../../api/hooks';
import { WhyDialog } from '../deck-map/why-this-word';

export interface TestedPhoto {
  id: number;
  name: string;
  url: string;
  result?: Classification;
  error?: string;
  /** The centre square the model judged (size x size RGB), shown when the browser cannot show the file. */
  pixels?: Uint8Array;
  size?: number;
}

const IMAGE = /\.(jpe?g|png|webp|gif|bmp|avif|tiff?)$/i;
let nextId = 1;

/** Photos to judge: only image files, however deep in the dropped folders. */
export function imageFiles(files: File[]): File[] {
  return files.filter((f) => f.type.startsWith('image/') || IMAGE.test(f.name));
}

/** Photos per request for their pixels: each answer carries about 200 KB per photo. */
const PREPARE_BATCH = 4;

/** Base64 (as the core sends pixels) to bytes. */
function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Runs the model in this window on photos the teacher drops or picks: the same read-out per photo
 * as the live camera (the top word and the top 3 with bars). The core decodes and frames each file
 * (`prepareTestPhotos`), exactly as it prepared the deck's photos for training, so a phone photo or
 * a TIFF meets the same pixels here as in training; the network runs here.
 */
export function usePhotoTest(classifier: LiveClassifier | null) {
  const { client, transport } = useStudio();
  const [photos, setPhotos] = useState<TestedPhoto[]>([]);
  const urls = useRef<string[]>([]);

  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const add = async (files: File[]) => {
    if (!classifier) return;
    const batch = imageFiles(files).map((file) => {
      const url = URL.createObjectURL(file);
      urls.current.push(url);
      return { id: nextId++, name: file.name, url, file };
    });
    setPhotos((ps) => [...batch.map(({ file: _f, ...p }) => p), ...ps]);
    const settle = (id: number, patch: Partial<TestedPhoto>) => setPhotos((ps) => ps.map((x) => (x.id === id ? { ...x, ...patch } : x)));
    const { deckId, versionId } = classifier.model;
    for (let start = 0; start < batch.length; start += PREPARE_BATCH) {
      const part = batch.slice(start, start + PREPARE_BATCH);
      try {
        const t0 = performance.now();
        const sources = await transport.stageFiles(part.map((p) => ({ file: p.file, relativePath: p.name })));
        const prepared = await client.prepareTestPhotos({ deckId, versionId, sources });
        const prepareMs = (performance.now() - t0) / part.length;
        for (const [i, p] of part.entries()) {
          const answer = prepared[i];
          if (!answer?.pixels) {
            settle(p.id, { error: answer?.error?.message ?? 'This photo could not be read.' });
            continue;
          }
          const pixels = base64Bytes(answer.pixels);
          settle(p.id, { result: await classifier.classifyPixels(pixels, 3, prepareMs), pixels, size: answer.size });
        }
      } catch (e) {
        const error = describeError(e).message;
        for (const p of part) settle(p.id, { error });
      }
    }
  };
  const clear = () => {
    urls.current.forEach((u) => URL.revokeObjectURL(u));
    urls.current = [];
    setPhotos([]);
  };
  return { photos, add, clear };
}

interface Props {
  /** The model judging the photos ("why this word?" compares with its deck's photos). */
  deckId: number;
  versionId: number;
  photos: TestedPhoto[];
  language: LanguageCode;
  threshold: number;
  onPickFiles(): void;
  onPickFolder(): void;
  onClear(): void;
}

export function PhotoTestResults({ deckId, versionId, photos, language, threshold, onPickFiles, onPickFolder, onClear }: Props) {
  const { client } = useStudio();
  const [why, setWhy] = useState<TestedPhoto | null>(null);
  const best = why?.result?.top[0];
  return (
    <Stack spacing={2}>
      <WhyDialog
        title={best ? `Why “${best.background ? BACKGROUND_NAME : wordIn(best, language).text}”?` : null}
        photoUrl={why?.url}
        language={language}
        load={() =>
          client.findSimilarPhotos({
            deckId,
            versionId,
            query: { features: Array.from(why?.result?.features ?? []) },
            classKeys: (why?.result?.top ?? []).slice(0, 2).map((t) => t.key),
          })
        }
        onClose={() => setWhy(null)}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body1" sx={{ flex: 1, minWidth: 240 }} color="text.secondary">
          Drop photos or a folder anywhere on this page, or choose them. The model runs here, in this window.
        </Typography>
        <Button variant="outlined" startIcon={<PhotoIcon />} onClick={onPickFiles}>
          Choose photos…
        </Button>
        <Button variant="outlined" startIcon={<FolderIcon />} onClick={onPickFolder}>
          Choose a folder…
        </Button>
        {photos.length > 0 ? <Button onClick={onClear}>Clear</Button> : null}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 2 }}>
        {photos.map((p) => {
          const best = p.result?.top[0];
          const sure = best && best.probability >= threshold;
          // "Nothing I know": the photo shows none of the deck's words, so no word.
          const quiet = sure && best.background === true;
          const word = best && sure && !quiet ? wordIn(best, language) : null;
          return (
            <Paper
              key={p.id}
              variant="outlined"
              sx={{ overflow: 'hidden' }}
              data-testid="photo-result"
              data-name={p.name}
              data-done={p.result || p.error ? 'true' : 'false'}
              data-background={quiet ? 'true' : 'false'}
            >
              <PhotoPreview url={p.url} name={p.name} pixels={p.pixels} size={p.size} />
              <Box sx={{ p: 1.5 }}>
                <Typography
                  variant="h2"
                  component="p"
                  data-testid="photo-word"
                  sx={{ color: sure && !quiet ? 'text.primary' : 'text.disabled' }}
                  noWrap
                >
                  {p.error ? 'Could not read' : !best ? 'Looking…' : quiet ? <QuietDots /> : word ? word.text : 'Not sure'}
                </Typography>
                {quiet ? (
                  <Typography variant="body2" color="text.secondary" data-testid="photo-quiet">
                    {BACKGROUND_NAME}: nothing is shown or said
                  </Typography>
                ) : null}
                {word?.missing ? <MissingMark language={language} size="small" /> : null}
                <Typography variant="caption" color="text.secondary" noWrap component="p" sx={{ mb: 1 }}>
                  {p.name}
                </Typography>
                {p.error ? (
                  <Typography variant="body2" color="error" data-testid="photo-error">
                    {p.error}
                  </Typography>
                ) : null}
                {p.result ? <TopBars top={p.result.top} language={language} size="small" /> : null}
                {p.result ? (
                  <Button size="small" sx={{ mt: 0.5, ml: -0.5 }} onClick={() => setWhy(p)} data-testid="photo-why">
                    Why this word?
                  </Button>
                ) : null}
              </Box>
            </Paper>
          );
        })}
      </Box>
    </Stack>
  );
}
