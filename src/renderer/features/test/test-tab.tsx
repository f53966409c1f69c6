import { DropOverlay } from '../../components/drop-overlay';
import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Slider from '@mui/material/Slider';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ScienceIcon from '@mui/icons-material/ScienceOutlined';
import VideocamIcon from '@mui/icons-material/VideocamOutlined';
import PhotoIcon from '@mui/icons-material/PhotoLibraryOutlined';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { ErrorAlert } from '../../components/error-alert';
import { nativeName } from '../../phone/language-names';
import { canSpeak } from '../../phone/speech';
import { HiddenPhotoInputs } from '../dataset/hidden-photo-inputs';
import { useFileDrop } from '../dataset/use-file-drop';
import { LivePanel } from './live-panel';
import { PhotoTestResults, usePhotoTest } from './photo-test';
import { useTestPrefs } from './test-prefs';
import { useLiveClassifier } from './use-live-classifier';
import { ModelStatusLine } from '../deploy/model-status-line';
import { useDeckStatus } from '../deploy/use-deck-status';

/** Try the deck's model: live on the camera, or on dropped photos, in the language pupils learn. */
function TestTab({ project, deck }: DeckTabProps) {
  const { state } = useLiveClassifier(deck.id);
  const { status } = useDeckStatus(deck.id);
  const [prefs, setPrefs] = useTestPrefs();
  const [mode, setMode] = useState<'camera' | 'photos'>('camera');
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const classifier = state.status === 'ready' ? state.classifier : null;
  const photoTest = usePhotoTest(classifier);
  const languages = [...project.targetLanguages, project.sourceLanguage];
  const language = prefs.language && languages.includes(prefs.language) ? prefs.language : languages[0];

  const addFiles = (files: File[]) => {
    setMode('photos');
    void photoTest.add(files);
  };
  const photoDrop = useFileDrop((found) => addFiles(found.map((f) => f.file)));

  if (state.status === 'loading') {
    return (
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'center', alignItems: 'center', pt: 10, color: 'text.secondary' }}>
        <CircularProgress size={24} aria-label="Loading the model" />
        <Typography>Loading the model into this window…</Typography>
      </Stack>
    );
  }
  if (state.status === 'untrained') {
    return (
      <Box sx={{ maxWidth: 620, mx: 'auto', pt: 8, px: 3 }} data-testid="test-untrained">
        <Alert
          severity="info"
          action={
            <Button color="inherit" href={`#/deck/${deck.id}/train`}>
              Go to Train
            </Button>
          }
        >
          <AlertTitle>This deck has no trained model yet.</AlertTitle>
          Train it first (Train tab). The Test screen then shows what the model sees in the camera.
        </Alert>
      </Box>
    );
  }
  if (state.status === 'failed') return <ErrorAlert error={state.error} sx={{ m: 3 }} />;
  const model = state.classifier.model;

  return (
    <Box
      sx={{ height: '100%', overflowY: 'auto', position: 'relative' }}
      data-testid="test-tab"
      data-model-version={model.number}
      {...photoDrop.dropProps}
    >
      <Stack spacing={2.5} sx={{ p: 3, maxWidth: 1400, mx: 'auto' }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={mode}
            onChange={(_, m: 'camera' | 'photos' | null) => m && setMode(m)}
            aria-label="Test with"
          >
            <ToggleButton value="camera" sx={{ px: 2 }}>
              <VideocamIcon fontSize="small" sx={{ mr: 1 }} />
              Live camera
            </ToggleButton>
            <ToggleButton value="photos" sx={{ px: 2 }}>
              <PhotoIcon fontSize="small" sx={{ mr: 1 }} />
              Photos
            </ToggleButton>
          </ToggleButtonGroup>
          <TextField
            select
            size="small"
            label="Show words in"
            value={language}
            onChange={(e) => setPrefs({ language: e.target.value })}
            sx={{ minWidth: 170 }}
            slotProps={{ htmlInput: { 'data-testid': 'test-language' } }}
          >
            {languages.map((l) => (
              <MenuItem key={l} value={l}>
                {nativeName(l)}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ width: 210, px: 1 }}>
            <Typography variant="body2" id="threshold-label">
              “Not sure” below {Math.round(prefs.threshold * 100)}%
            </Typography>
            <Slider
              size="small"
              min={0}
              max={0.95}
              step={0.05}
              value={prefs.threshold}
              onChange={(_, v) => setPrefs({ threshold: v as number })}
              aria-labelledby="threshold-label"
            />
          </Box>
          <FormControlLabel
            control={<Switch checked={prefs.speech && canSpeak()} disabled={!canSpeak()} onChange={(e) => setPrefs({ speech: e.target.checked })} />}
            label="Say the word aloud"
          />
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" color="text.secondary" data-testid="test-model">
            <ScienceIcon fontSize="inherit" sx={{ verticalAlign: '-2px', mr: 0.5 }} />
            Model version {model.number} · {model.labels.length} words
            {status?.model?.number === model.number && status.model.upToDate ? ' · up to date' : ''}
          </Typography>
        </Stack>
        {status?.model?.number === model.number && !status.model.upToDate ? (
          <ModelStatusLine
            status={status}
            of="model"
            lead="Testing"
            action={
              <Button color="inherit" href={`#/deck/${deck.id}/train`}>
                Go to Train
              </Button>
            }
          />
        ) : null}
        {mode === 'camera' ? (
          <LivePanel
            classifier={state.classifier}
            language={language}
            threshold={prefs.threshold}
            speech={prefs.speech}
            onUsePhotos={() => setMode('photos')}
          />
        ) : (
          <PhotoTestResults
            deckId={deck.id}
            versionId={model.versionId}
            photos={photoTest.photos}
            language={language}
            threshold={prefs.threshold}
            onPickFiles={() => fileInput.current?.click()}
            onPickFolder={() => folderInput.current?.click()}
            onClear={photoTest.clear}
          />
        )}
      </Stack>
      {photoDrop.over ? <DropOverlay message="Drop to see what the model says about these photos" /> : null}
      <HiddenPhotoInputs
        filesRef={fileInput}
        folderRef={folderInput}
        testIds={{ files: 'test-file-input', folder: 'test-folder-input' }}
        onPicked={(found) => addFiles(found.map((x) => x.file))}
      />
    </Box>
  );
}

export const testTab: DeckTab = {
  id: 'test',
  label: 'Test',
  icon: <ScienceIcon fontSize="small" />,
  component: TestTab,
};
