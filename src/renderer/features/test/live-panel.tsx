import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PhotoIcon from '@mui/icons-material/PhotoLibraryOutlined';
import type { LanguageCode } from '../../../shared/domain';
import type { LiveClassifier } from '../../ml';
import { rankClassesKeeping, wordIn } from '../../ml/ranking';
import { useNotices } from '../../components/notices';
import { StableWord } from '../../phone/stable-word';
import { speak } from '../../phone/speech';
import { CameraControls } from '../capture/camera-controls';
import { CameraView } from '../capture/camera-view';
import { useCamera } from '../../camera/use-camera';
import { useCameraPrefs } from '../capture/use-camera-prefs';
import { LiveLoop } from './live-loop';
import { LiveReadout, type Readout } from './live-readout';
import { useLiveSimilar } from '../deck-map/use-live-similar';
import { WhyThisWord } from '../deck-map/why-this-word';
import { ErrorAlert } from '../../components/error-alert';

interface Props {
  classifier: LiveClassifier;
  language: LanguageCode;
  threshold: number;
  speech: boolean;
  /** Switch the screen to testing photos (offered when the camera cannot be used). */
  onUsePhotos(): void;
}

/** The same word is said again only after this long. */
const REPEAT_AFTER_MS = 3000;
/** Frames averaged for the big word, its percentage and the bars alike. */
const SMOOTHING_FRAMES = 4;
const WAITING: Readout = {
  word: null,
  quiet: false,
  waiting: true,
  probability: null,
  top: [],
  smoothedFrames: SMOOTHING_FRAMES,
  changing: false,
  fps: 0,
  latencyMedian: 0,
  latencyP95: 0,
  prepareMedian: 0,
};

/**
 * The camera and what the model sees in it, live. The big word only changes once a new reading
 * has held for a few frames (averaged), so it does not flicker, and is spoken once when it does.
 */
export function LivePanel({ classifier, language, threshold, speech, onUsePhotos }: Props) {
  const notices = useNotices();
  const [prefs, setPrefs] = useCameraPrefs();
  const camera = useCamera({ deviceId: prefs.deviceId });
  const [readout, setReadout] = useState<Readout>(WAITING);
  const loop = useRef<LiveLoop | null>(null);
  const lastSpoken = useRef({ word: '', at: 0 });
  const stable = useMemo(() => new StableWord({ window: SMOOTHING_FRAMES, threshold, hold: 3 }), [threshold]);
  const why = useLiveSimilar(classifier.model.deckId, classifier.model.versionId);
  // What the running loop reads on each frame: the loop lives as long as the camera, while the
  // language, speech, smoothing and the classifier itself (after retraining) change under it.
  const settings = useRef({ language, speech, stable, classifier, pushWhy: why.push });
  settings.current = { language, speech, stable, classifier, pushWhy: why.push };

  useEffect(() => {
    const video = camera.video;
    if (!video || !camera.ready) return;
    const l = new LiveLoop(
      video,
      settings.current.classifier,
      ({ result, fps, latencyMedian, latencyP95, prepareMedian }) => {
        const { stable: sw, language: lang, speech: talk, pushWhy } = settings.current;
        const changed = sw.push(result.probabilities);
        const shown = sw.shown;
        const model = settings.current.classifier.model;
        const key = shown.kind === 'word' ? model.labels[shown.index] : null;
        // "Nothing I know" won: nothing is shown or said, calmly.
        const quiet = key !== null && key === model.background;
        const word = key !== null && !quiet ? { key, ...wordIn({ key, words: model.words[key] ?? {} }, lang) } : null;
        // Said once when it changes; a brief "not sure" between two sightings of it does not repeat it.
        // A word not written in this language is not said (the key read in its voice would mislead).
        const now = performance.now();
        if (changed && word && !word.missing && talk && (word.text !== lastSpoken.current.word || now - lastSpoken.current.at > REPEAT_AFTER_MS)) {
          lastSpoken.current = { word: word.text, at: now };
          speak(word.text, lang);
        }
        // The bars show the same averaged figures as the big word, never one raw frame.
        // A word held while a new reading settles keeps its bar, even when it left the top three.
        const top = rankClassesKeeping(sw.averaged, model.labels, model.words, 3, shown.kind === 'word' ? shown.index : null, model.background);
        pushWhy(
          result.features,
          top.slice(0, 2).map((t) => t.key),
        );
        setReadout({
          word,
          quiet,
          waiting: shown.kind === 'waiting',
          probability: sw.figure,
          top,
          smoothedFrames: SMOOTHING_FRAMES,
          changing: sw.changing,
          fps,
          latencyMedian,
          latencyP95,
          prepareMedian,
        });
      },
      (e) => notices.showError(e),
    );
    loop.current = l;
    l.start();
    return () => {
      l.stop();
      loop.current = null;
    };
    // The classifier is swapped in place below, without restarting the loop.
  }, [camera.video, camera.ready, notices]);

  useEffect(() => {
    loop.current?.setClassifier(classifier);
    stable.reset();
  }, [classifier, stable]);

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
      <Stack spacing={1.5} sx={{ width: { xs: '100%', md: '46%' }, flexShrink: 0 }}>
        <CameraView camera={camera} mirror={prefs.mirror} />
        {!camera.failure ? (
          <CameraControls
            camera={camera}
            deviceId={prefs.deviceId}
            mirror={prefs.mirror}
            onDevice={(deviceId) => setPrefs({ deviceId })}
            onMirror={(mirror) => setPrefs({ mirror })}
          />
        ) : null}
      </Stack>
      <Box sx={{ flex: 1, minWidth: 0, width: '100%' }}>
        {camera.failure ? (
          <Stack spacing={1.5} sx={{ alignItems: 'flex-start', pt: 1 }} data-testid="camera-meanwhile">
            <Typography variant="h3" component="p">
              Meanwhile, you can test the model on photos.
            </Typography>
            <Typography color="text.secondary">Drop photos or a folder on this page, or choose them.</Typography>
            <Button variant="contained" startIcon={<PhotoIcon />} onClick={onUsePhotos}>
              Test on photos
            </Button>
          </Stack>
        ) : (
          <Stack spacing={3}>
            <LiveReadout readout={readout} language={language} backend={classifier.backend} />
            <Box data-testid="live-why">
              <Typography variant="h3" component="h2" sx={{ mb: 1 }}>
                Why this word?
              </Typography>
              {why.error ? <ErrorAlert error={why.error} /> : null}
              {why.answer ? (
                <WhyThisWord answer={why.answer} language={language} size={64} />
              ) : (
                <Typography color="text.secondary">Looking for the photos of the deck that look most like the camera…</Typography>
              )}
            </Box>
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
