import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import IosShareIcon from '@mui/icons-material/IosShare';
import type { ExportSummary } from '../../../shared/api/export';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { routeHash } from '../../app/route';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { ModelStatusLine } from '../deploy/model-status-line';
import { useDeckStatus } from '../deploy/use-deck-status';
import { languageName } from '../projects/languages';
import { ExportChoices, type Choices } from './export-choices';
import { ExportHistory } from './export-history';
import { ExportResultView } from './export-result';
import { ExportRunning } from './export-running';
import { MissingWordsAlert } from './missing-words-alert';
import { useDeckModels, useExportHistory, useExportsFolder, useMissingWords } from './use-export-data';
import { useExportJob } from './use-export-job';
import { blockReason } from './wording';
import { zipDownloadUrl } from './zip-link';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} component="section" aria-label={title} data-testid={testId}>
      <Typography variant="h3" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** What pressing Export will do, when nothing stands in its way. */
function readyText(c: Choices, again: boolean): string {
  const where = again ? 'Makes a new folder; earlier exports stay as they are.' : 'The files go into a new folder of the project.';
  return c.formats.includes('tflite') ? `${where} The TensorFlow Lite file is checked against the studio’s model first.` : where;
}

/** Export: the deck's model as files a phone or web app uses, with every word in every language inside. */
function ExportTab({ project, deck }: DeckTabProps) {
  const { transport } = useStudio();
  const projectLanguages = useMemo(() => [project.sourceLanguage, ...project.targetLanguages], [project]);
  const { decks, error: decksError } = useDeckModels();
  const [choices, setChoices] = useState<Choices>(() => ({
    deckIds: [deck.id],
    formats: ['tfjs', 'tflite'],
    languages: projectLanguages,
    smaller: false,
  }));
  // Languages added to the project while the tab is open start chosen; removed ones go.
  const known = useRef(projectLanguages);
  useEffect(() => {
    const before = known.current;
    known.current = projectLanguages;
    setChoices((c) => ({ ...c, languages: projectLanguages.filter((l) => c.languages.includes(l) || !before.includes(l)) }));
  }, [projectLanguages]);
  const deckIds = choices.deckIds.includes(deck.id) ? choices.deckIds : [deck.id, ...choices.deckIds];
  const { missing, error: missingError } = useMissingWords(deckIds, choices.languages);
  const history = useExportHistory(deck.id);
  const exportsDir = useExportsFolder();
  const run = useExportJob(deck.id);
  const { status } = useDeckStatus(deck.id);

  const own = decks?.find((d) => d.deck.id === deck.id) ?? null;
  const chosen = (decks ?? []).filter((d) => deckIds.includes(d.deck.id));
  const baseMismatch = new Set(chosen.map((d) => d.version?.baseModelId)).size > 1;
  const reason = blockReason({
    trained: own?.version != null,
    formats: choices.formats,
    languages: choices.languages,
    missing,
    baseMismatch,
    languageName,
  });
  const zipUrl = (e: Pick<ExportSummary, 'zipPath'>) => (transport.mode === 'browser' && exportsDir ? zipDownloadUrl(e.zipPath, exportsDir) : null);

  const start = () =>
    void run.start({ deckIds, formats: choices.formats, languages: choices.languages, quantize: choices.smaller ? 'full-int8' : undefined });

  if (decksError) return <ErrorAlert error={decksError} sx={{ m: 3 }} />;
  if (!decks) {
    return (
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'center', alignItems: 'center', pt: 10, color: 'text.secondary' }}>
        <CircularProgress size={24} />
        <Typography>Looking at the deck’s model…</Typography>
      </Stack>
    );
  }
  if (!own?.version) {
    return (
      <Box sx={{ maxWidth: 620, mx: 'auto', pt: 8, px: 3 }} data-testid="export-untrained">
        <Alert
          severity="info"
          action={
            <Button color="inherit" href={routeHash({ deckId: deck.id, tab: 'train' })}>
              Go to Train
            </Button>
          }
        >
          <AlertTitle>“{deck.name}” is not trained yet, so there is no model to export.</AlertTitle>
          Train it first (Train tab). Then come back here to make the files for phones and web apps.
        </Alert>
      </Box>
    );
  }

  const job = run.job;
  return (
    <Box sx={{ height: '100%', overflow: 'auto', bgcolor: 'background.default' }} data-testid="export-tab">
      <Box sx={{ maxWidth: 1280, mx: 'auto', p: 3 }}>
        <Box sx={{ mb: 2.5 }}>
          <Typography variant="h2" component="h2">
            Export
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5 }}>
            Make the model files a phone or web app uses. The words in every language go inside them, so they always travel together.
          </Typography>
        </Box>
        {status?.model ? (
          <Stack spacing={1.5} sx={{ mb: 2.5 }} data-testid="export-status">
            <ModelStatusLine
              status={status}
              of="model"
              lead="Exports"
              action={
                status.model.upToDate ? undefined : (
                  <Button color="inherit" href={routeHash({ deckId: deck.id, tab: 'train' })}>
                    Go to Train
                  </Button>
                )
              }
            />
            {status.export ? <ModelStatusLine status={status} of="export" lead="Latest export" /> : null}
          </Stack>
        ) : null}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2.5} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0, width: '100%' }}>
            <Section title="What to export">
              <ExportChoices
                deckId={deck.id}
                decks={decks}
                languages={projectLanguages}
                choices={choices}
                onChange={setChoices}
                disabled={run.running}
              />
            </Section>
          </Box>

          <Stack spacing={2.5} sx={{ width: { xs: '100%', md: 580 }, flexShrink: 0 }}>
            <Section title={run.running ? 'Exporting' : 'Make the files'} testId="export-action">
              <Stack spacing={2}>
                {missingError ? <ErrorAlert error={missingError} /> : null}
                {run.refusal ? <ErrorAlert error={run.refusal} onClose={run.dismiss} /> : null}
                {!run.running && missing && missing.length > 0 ? (
                  <MissingWordsAlert missing={missing} languages={choices.languages} deckId={deck.id} />
                ) : null}
                {run.running ? (
                  <ExportRunning job={job} onCancel={run.cancel} />
                ) : (
                  <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                    <Button
                      variant="contained"
                      size="large"
                      startIcon={<IosShareIcon />}
                      disabled={reason !== null}
                      onClick={start}
                      data-testid="export-button"
                      sx={{ flexShrink: 0 }}
                    >
                      {run.result ? 'Export again' : 'Export'}
                    </Button>
                    <Typography variant="body2" color={reason ? 'warning.dark' : 'text.secondary'} data-testid="export-reason">
                      {reason ?? readyText(choices, run.result !== null)}
                    </Typography>
                  </Stack>
                )}
                {job?.state === 'failed' ? <ErrorAlert error={job.error} onClose={run.dismiss} /> : null}
                {job?.state === 'cancelled' ? (
                  <Alert severity="info" onClose={run.dismiss} data-testid="export-cancelled">
                    <AlertTitle>Export cancelled</AlertTitle>
                    Nothing was written. Press Export to start again.
                  </Alert>
                ) : null}
              </Stack>
            </Section>
            {run.result && !run.running ? (
              <Section title="Export ready" testId="export-ready">
                <ExportResultView result={run.result} zipUrl={zipUrl(run.result)} />
              </Section>
            ) : null}
            <Section title="Earlier exports" testId="export-history">
              <ExportHistory
                exports={history && run.result ? history.filter((e) => e.id !== run.result?.id) : history}
                emptyText={run.result ? 'None before this one.' : 'This deck has not been exported yet.'}
                zipUrl={zipUrl}
              />
            </Section>
          </Stack>
        </Stack>
      </Box>
    </Box>
  );
}

export const exportTab: DeckTab = {
  id: 'export',
  label: 'Export',
  icon: <IosShareIcon fontSize="small" />,
  component: ExportTab,
};
