import { useCallback, useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SchoolIcon from '@mui/icons-material/SchoolOutlined';
import type { DeckClass, Photo } from '../../../shared/domain';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { useStudio, useStudioEvent } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { BackgroundSuggestion } from '../dataset/background-suggestion';
import { useDeckData } from '../dataset/use-deck-data';
import { usePhotoActions } from '../dataset/use-photo-actions';
import { BaseModelSection } from './base-model-section';
import { classLabels } from './class-words';
import { CompareView } from './compare-view';
import { readiness } from './readiness';
import { ResultsView } from './results-view';
import { ModelStatusLine } from '../deploy/model-status-line';
import { useDeckStatus } from '../deploy/use-deck-status';
import { LiveRunCard } from './run-card';
import { TrainPanel } from './train-panel';
import { useTrainingRunState } from './training-runs';
import { useMlInfo, useTrainingConfig } from './use-training-config';
import { useVersionDetail, useVersions } from './use-versions';
import { VersionsList } from './versions-list';

/** Photos of the deck whose features still have to be computed: what makes a first run slower. */
function useMissingFeatures(deckId: number, photoCount: number, versionCount: number, baseModelId: string | null): number {
  const { client } = useStudio();
  const [missing, setMissing] = useState(0);
  useEffect(() => {
    client.getFeatureStatus({ deckId }).then(
      (s) => setMissing(s.photos - s.cached),
      () => undefined,
    );
  }, [client, deckId, photoCount, versionCount, baseModelId]);
  return missing;
}

function TrainTab({ project, deck, refreshDeck }: DeckTabProps) {
  const { classes, photos, error, reload: reloadData } = useDeckData(deck.id);
  const reload = useCallback(async () => {
    await reloadData();
    refreshDeck();
  }, [reloadData, refreshDeck]);
  const { move, remove } = usePhotoActions(reload);
  const versions = useVersions(deck.id);
  const { status } = useDeckStatus(deck.id);
  const detail = useVersionDetail(versions.selectedId);
  const config = useTrainingConfig(deck.id);
  const mlInfo = useMlInfo();
  const { state: runState, runs } = useTrainingRunState(deck.id);
  const [startError, setStartError] = useState<unknown>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [ticked, setTicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  // Choosing another base model in its section changes which features are missing.
  const [baseModelId, setBaseModelId] = useState<string | null>(null);
  const missing = useMissingFeatures(deck.id, photos?.length ?? 0, versions.list?.length ?? 0, baseModelId);

  const teacher = project.sourceLanguage;
  const labels = useMemo(() => classLabels(classes ?? [], teacher), [classes, teacher]);
  const ready = useMemo(
    () => readiness((classes ?? []).map((c) => ({ word: labels.get(c.key)?.word ?? c.key, photos: c.photoCount }))),
    [classes, labels],
  );
  const current = versions.list?.find((v) => v.current) ?? null;
  const busy = runState === 'starting' || runState === 'running';
  const onMove = useCallback((p: Photo, c: DeckClass) => void move([p], c), [move]);
  const onDelete = useCallback((p: Photo) => void remove([p.id]), [remove]);

  // A finished run has saved a version, shown below with the same curves: its live card has done its job.
  useEffect(() => {
    if (runState === 'finished') runs.dismiss(deck.id);
  }, [runState, runs, deck.id]);
  // Ticks for versions that no longer exist are dropped.
  useEffect(() => {
    if (versions.list) setTicked((t) => t.filter((id) => versions.list!.some((v) => v.id === id)));
  }, [versions.list]);
  useStudioEvent('training.finished', (p) => p.deckId === deck.id && setComparing(false));

  const train = async () => {
    setStartError(null);
    // The live card takes the place of the settings, right under the button.
    setSettingsOpen(false);
    runs.dismiss(deck.id);
    await config.flush();
    try {
      await runs.start(deck.id, config.config?.settings.epochs ?? 50);
    } catch (e) {
      setStartError(e);
    }
  };

  if (error) return <ErrorAlert error={error} sx={{ m: 3 }} />;
  if (!classes || !photos) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', pt: 8 }}>
        <CircularProgress aria-label="Loading" />
      </Box>
    );
  }
  const compareIds = ticked.length === 2 ? ([ticked[0], ticked[1]] as [number, number]) : null;

  return (
    <Box sx={{ display: 'flex', height: '100%', minHeight: 0 }}>
      <Box sx={{ flex: 1, minWidth: 0, overflowY: 'auto' }} data-testid="train-main">
        <Stack spacing={2.5} sx={{ p: 3, maxWidth: 1180, mx: 'auto' }}>
          {status?.model && !busy ? <ModelStatusLine status={status} of="model" /> : null}
          {!busy ? <BackgroundSuggestion deckId={deck.id} classes={classes} onAdded={() => void reload()} /> : null}
          <TrainPanel
            deckName={deck.name}
            counts={classes.map((c) => c.photoCount)}
            readiness={ready}
            config={config.config}
            mlInfo={mlInfo}
            missingFeatures={missing}
            busy={busy}
            hasModel={!!current}
            onTrain={() => void train()}
            settingsOpen={settingsOpen}
            onSettingsOpen={setSettingsOpen}
            onChange={config.change}
            onReset={() => void config.reset()}
            extra={<BaseModelSection deckId={deck.id} disabled={busy} onChosen={setBaseModelId} />}
          />
          {config.error ? <ErrorAlert error={config.error} /> : null}
          {startError ? <ErrorAlert error={startError} onClose={() => setStartError(null)} /> : null}
          <LiveRunCard deckId={deck.id} kept={current} onError={setStartError} />
          {versions.error ? <ErrorAlert error={versions.error} /> : null}
          {comparing && compareIds ? (
            <CompareView ids={compareIds} labels={labels} onClose={() => setComparing(false)} />
          ) : detail.error ? (
            <ErrorAlert error={detail.error} />
          ) : detail.version ? (
            <ResultsView
              version={detail.version}
              labels={labels}
              photos={photos}
              classes={classes}
              teacher={teacher}
              pupils={project.targetLanguages}
              onMove={onMove}
              onDelete={onDelete}
            />
          ) : versions.list && versions.list.length === 0 && !busy ? (
            <Paper variant="outlined" sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }} data-testid="no-model">
              <SchoolIcon sx={{ fontSize: 48, color: 'grey.400' }} />
              <Typography variant="h3" component="p" sx={{ color: 'text.primary', mt: 1 }}>
                No model yet
              </Typography>
              <Typography sx={{ mt: 1, maxWidth: 560, mx: 'auto' }}>
                After training, this page shows how many photos the model recognises, which words it mixes up, and lets you try it on any photo. Every
                training run is kept as a version on the right.
              </Typography>
            </Paper>
          ) : null}
        </Stack>
      </Box>
      <Box sx={{ width: 260, flexShrink: 0, borderLeft: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <VersionsList
          versions={versions.list ?? []}
          selectedId={versions.selectedId}
          compare={ticked}
          comparing={comparing && compareIds !== null}
          onSelect={(id) => {
            setComparing(false);
            versions.select(id);
          }}
          onToggleCompare={(id) => setTicked((t) => (t.includes(id) ? t.filter((x) => x !== id) : [...t, id].slice(-2)))}
          onCompare={() => setComparing(true)}
        />
      </Box>
    </Box>
  );
}

export const trainTab: DeckTab = {
  id: 'train',
  label: 'Train',
  icon: <SchoolIcon fontSize="small" />,
  component: TrainTab,
};
