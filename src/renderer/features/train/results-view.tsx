import { memo, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ModelVersion } from '../../../shared/api/training';
import type { DeckClass, LanguageCode, Photo } from '../../../shared/domain';
import { ClassAccuracyChart } from './class-accuracy-chart';
import type { ClassLabel } from './class-words';
import { ConfusionMatrix } from './confusion-matrix';
import { MisclassifiedPhotos } from './misclassified-photos';
import { TrainingCurves } from './training-curves';
import { TryPhoto } from './try-photo';
import { accuracySentence, percent, uncheckedAdvice, verdict } from './wording';
import { formatWhen } from '../../../shared/format';

interface Props {
  version: ModelVersion;
  labels: Map<string, ClassLabel>;
  photos: Photo[];
  classes: DeckClass[];
  teacher: LanguageCode;
  pupils: LanguageCode[];
  onMove(photo: Photo, cls: DeckClass): void;
  onDelete(photo: Photo): void;
}

export function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid={testId}>
      <Typography variant="h3" component="h3">
        {title}
      </Typography>
      {hint ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25 }}>
          {hint}
        </Typography>
      ) : null}
      <Box sx={{ mt: 2 }}>{children}</Box>
    </Paper>
  );
}

/** Everything a teacher wants to know about one model version, from the headline down to single photos. */
export const ResultsView = memo(function ResultsView({ version, labels, photos, classes, teacher, pupils, onMove, onDelete }: Props) {
  const m = version.metrics;
  const right = m.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const v = verdict(m.accuracy);
  const secs = (version.timings.total ?? 0) / 1000;

  return (
    <Stack spacing={2.5} data-testid="results" data-version={version.number}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h2" component="h2" data-testid="results-title">
            Version {version.number}
          </Typography>
          {version.current ? <Chip size="small" color="primary" label="In use" /> : <Chip size="small" variant="outlined" label="Older version" />}
          <Typography color="text.secondary" sx={{ pl: 1 }}>
            trained {formatWhen(version.createdAt)} · {m.trainCount} photos learnt
            {secs > 0 ? ` in ${secs < 1 ? 'under a second' : `${secs < 10 ? secs.toFixed(1) : Math.round(secs)} s`}` : ''}
          </Typography>
        </Stack>
        <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
          {m.accuracy !== null ? (
            <Typography
              sx={{ fontSize: '3.5rem', fontWeight: 700, lineHeight: 1, color: v?.tone === 'warning' ? 'warning.dark' : 'success.dark' }}
              data-testid="accuracy-number"
            >
              {percent(m.accuracy)}
            </Typography>
          ) : null}
          <Box>
            <Typography sx={{ fontSize: '1.15rem' }} data-testid="accuracy-text">
              {accuracySentence(m.accuracy, right, m.n, version.settings.validationShare)}
            </Typography>
            {v ? (
              <Typography color="text.secondary" sx={{ mt: 0.5 }}>
                <b>{v.label}.</b> {v.advice}
              </Typography>
            ) : (
              <Typography color="text.secondary" sx={{ mt: 0.5 }} data-testid="unchecked-advice">
                {uncheckedAdvice(version.settings.validationShare)}
              </Typography>
            )}
          </Box>
        </Stack>
        {version.stopped === 'diverged' || version.message ? (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="version-message">
            {version.stopped === 'diverged' ? <AlertTitle>Training went wrong part-way</AlertTitle> : null}
            {version.message}
          </Alert>
        ) : null}
      </Paper>

      {m.n > 0 ? (
        <Section title="Each word" hint="Share of each word's held-back photos the model recognised." testId="section-per-class">
          <ClassAccuracyChart metrics={m} labels={labels} />
        </Section>
      ) : null}
      {m.n > 0 ? (
        <Section
          title="What it mixes up"
          hint="Each row is a word; the numbers say what the model called its photos. Right answers are on the green diagonal."
          testId="section-confusion"
        >
          <ConfusionMatrix metrics={m} labels={labels} />
        </Section>
      ) : null}

      {m.n > 0 ? (
        <Section
          title="Photos it got wrong"
          hint="Held-back photos the model did not recognise, with its answer and how sure it was."
          testId="section-misclassified"
        >
          <MisclassifiedPhotos
            deckId={version.deckId}
            versionId={version.id}
            language={teacher}
            items={version.misclassified}
            labels={labels}
            photos={photos}
            classes={classes}
            onMove={onMove}
            onDelete={onDelete}
          />
        </Section>
      ) : null}

      <Section title="Try a photo" hint={`Any photo, even one that is not in the deck. Uses version ${version.number}.`} testId="section-try">
        <TryPhoto deckId={version.deckId} versionId={version.id} teacher={teacher} pupils={pupils} />
      </Section>

      <Section
        title="How training went"
        hint="Accuracy should rise and loss fall. If the dashed line (held-back photos) drops while the solid one keeps rising, fewer epochs will do."
        testId="section-curves"
      >
        <TrainingCurves curves={version.curves} epochs={version.settings.epochs} height={200} />
      </Section>
    </Stack>
  );
});
