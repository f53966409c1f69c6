import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import ImageSearchIcon from '@mui/icons-material/ImageSearch';
import { BACKGROUND_NAME } from '../../../shared/background';
import type { PhotoClassification, Prediction } from '../../../shared/api/training';
import type { LanguageCode } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { languageName } from '../projects/languages';
import { HiddenPhotoInputs } from '../dataset/hidden-photo-inputs';
import { useFileDrop } from '../dataset/use-file-drop';
import { WhyThisWord } from '../deck-map/why-this-word';

interface Props {
  deckId: number;
  versionId: number;
  teacher: LanguageCode;
  pupils: LanguageCode[];
}

interface Tried {
  url: string;
  name: string;
  result: PhotoClassification | null;
}

/** More at once would only scroll off the screen; the teacher tries a few photos at a time. */
const MAX_PHOTOS = 6;

function PredictionRow({ p, first, teacher, pupils }: { p: Prediction; first: boolean; teacher: LanguageCode; pupils: LanguageCode[] }) {
  const pupilWords = pupils
    .map((l) => (p.words[l] ? `${languageName(l)}: ${p.words[l]}` : null))
    .filter(Boolean)
    .join(' · ');
  return (
    <Box data-testid="prediction">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
        <Typography
          sx={{ fontWeight: first ? 700 : 500, flex: 1, minWidth: 0, fontStyle: p.background ? 'italic' : undefined }}
          noWrap
          data-testid="prediction-word"
          data-background={p.background ? 'true' : 'false'}
        >
          {p.background ? BACKGROUND_NAME : p.words[teacher] || p.key}
        </Typography>
        <Typography variant="body2" sx={{ fontWeight: first ? 700 : 400 }}>
          {Math.round(p.probability * 100)}%
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={p.probability * 100}
        color={first ? 'primary' : 'inherit'}
        sx={{ height: 8, borderRadius: 4, my: 0.25, color: first ? undefined : 'grey.400' }}
        aria-label={`Confidence for ${p.key}`}
      />
      {pupilWords ? (
        <Typography variant="caption" color="text.secondary" noWrap component="div" data-testid="prediction-pupil-words">
          {pupilWords}
        </Typography>
      ) : null}
    </Box>
  );
}

/** Drop any photo (or choose one) to see the model's top 3 words with how sure it is. */
export function TryPhoto({ deckId, versionId, teacher, pupils }: Props) {
  const { client, transport } = useStudio();
  const [tried, setTried] = useState<Tried[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  // Another version answers differently: start afresh.
  useEffect(() => setTried([]), [versionId]);

  const run = async (files: File[]) => {
    const images = files.filter((f) => f.type.startsWith('image/') || /\.(jpe?g|png|webp|gif|bmp|tiff?|heic)$/i.test(f.name)).slice(0, MAX_PHOTOS);
    if (images.length === 0) return;
    setError(null);
    setBusy(true);
    const batch: Tried[] = images.map((f) => ({ url: URL.createObjectURL(f), name: f.name, result: null }));
    urls.current.push(...batch.map((b) => b.url));
    setTried(batch);
    try {
      const sources = await transport.stageFiles(images.map((file) => ({ file, relativePath: file.name })));
      const results = await client.classifyPhotos({ deckId, versionId, sources });
      // One result per staged file, in order.
      setTried(batch.map((b, i) => ({ ...b, result: results[i] ?? null })));
    } catch (e) {
      setError(e);
      setTried([]);
    } finally {
      setBusy(false);
    }
  };
  const { over, dropProps } = useFileDrop((found) => void run(found.map((f) => f.file)));

  return (
    <Box
      data-testid="try-photo"
      {...dropProps}
      sx={(t) => ({
        border: `2px dashed ${over ? t.palette.secondary.main : t.palette.divider}`,
        bgcolor: over ? alpha(t.palette.secondary.main, 0.06) : 'transparent',
        borderRadius: 2,
        p: 2,
      })}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <ImageSearchIcon sx={{ fontSize: 40, color: 'grey.500' }} />
        <Typography sx={{ flex: 1 }}>Drop a photo here to see which word the model picks, or</Typography>
        <Button variant="outlined" onClick={() => input.current?.click()} disabled={busy}>
          Choose a photo
        </Button>
      </Stack>
      {error ? <ErrorAlert error={error} sx={{ mt: 2 }} /> : null}
      {tried.length > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 2, mt: 2 }}>
          {tried.map((t) => (
            <Box key={t.url} data-testid="tried-photo" sx={{ p: 1.5, borderRadius: 2, bgcolor: 'background.default' }}>
              <Stack direction="row" spacing={2}>
                <img src={t.url} alt={t.name} style={{ width: 132, height: 132, objectFit: 'cover', borderRadius: 8, flexShrink: 0 }} />
                <Stack spacing={1} sx={{ flex: 1, minWidth: 0, justifyContent: 'center' }}>
                  {t.result === null ? (
                    busy ? (
                      <CircularProgress size={24} aria-label="Looking at the photo" />
                    ) : null
                  ) : t.result.error ? (
                    <Alert severity="warning">{t.result.error.message}</Alert>
                  ) : (
                    <>
                      {t.result.background ? (
                        <Typography variant="body2" color="text.secondary" data-testid="tried-quiet">
                          None of the deck’s words: the Test tab and the phones show and say nothing for this photo.
                        </Typography>
                      ) : null}
                      {t.result.top.map((p, i) => (
                        <PredictionRow key={p.key} p={p} first={i === 0} teacher={teacher} pupils={pupils} />
                      ))}
                    </>
                  )}
                </Stack>
              </Stack>
              {t.result?.similar && t.result.similar.groups.length > 0 ? (
                <Box sx={{ mt: 1.5 }}>
                  <WhyThisWord answer={t.result.similar} language={teacher} size={56} />
                </Box>
              ) : null}
            </Box>
          ))}
        </Box>
      ) : null}
      <HiddenPhotoInputs filesRef={input} testIds={{ files: 'try-photo-input' }} onPicked={(found) => void run(found.map((f) => f.file))} />
    </Box>
  );
}
