import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { LanguageCode } from '../../../shared/domain';
import type { BackendReport, RankedClass, WordIn } from '../../ml';
import { QuietDots } from '../../components/quiet-dots';
import { confidenceLine } from './live-confidence';
import { MissingMark } from './missing-mark';
import { TopBars } from './top-bars';

export interface Readout {
  /** The word shown (with its class key), or null for "Not sure" (or nothing seen yet when `waiting`). */
  word: (WordIn & { key: string }) | null;
  /** The deck's "Nothing I know" is what the model sees: no word, nothing said. */
  quiet: boolean;
  waiting: boolean;
  /**
   * How sure, 0..1, of the shown word (or of the best guess when not sure), averaged like `top`;
   * null while `changing` (the word shown is the old one, the figures already the new reading's).
   */
  probability: number | null;
  /** The most likely classes, by the same average over `smoothedFrames` frames. */
  top: RankedClass[];
  smoothedFrames: number;
  /** A different reading is holding before it replaces the word shown (so the top bar may differ for a moment). */
  changing: boolean;
  fps: number;
  latencyMedian: number;
  latencyP95: number;
  prepareMedian: number;
}

interface Props {
  readout: Readout;
  language: LanguageCode;
  backend: BackendReport;
}

/** The live answer: the word in huge type (readable from the back of the room), then the detail. */
export function LiveReadout({ readout, language, backend }: Props) {
  const { word, quiet, waiting, probability, top } = readout;
  return (
    <Stack spacing={2.5} sx={{ minWidth: 0 }}>
      <Box data-testid="live-word-box" sx={{ textAlign: 'center', py: 1 }}>
        <Typography
          data-testid="live-word"
          data-word={word?.text ?? ''}
          data-key={word?.key ?? ''}
          data-missing={word?.missing ? 'true' : 'false'}
          data-background={quiet ? 'true' : 'false'}
          lang={word && !word.missing ? language : undefined}
          sx={{
            fontSize: 'clamp(56px, 9vw, 140px)',
            fontWeight: 800,
            lineHeight: 1.05,
            letterSpacing: '-0.01em',
            color: word ? (word.missing ? 'warning.dark' : 'text.primary') : 'text.disabled',
            fontStyle: word?.missing ? 'italic' : undefined,
            wordBreak: 'break-word',
          }}
        >
          {waiting ? '\u00a0' : quiet ? <QuietDots /> : (word?.text ?? 'Not sure')}
        </Typography>
        {word?.missing ? <MissingMark language={language} /> : null}
        <Typography
          variant="h2"
          component="p"
          sx={{ color: 'text.secondary', mt: 0.5, fontVariantNumeric: 'tabular-nums' }}
          data-testid="live-confidence"
        >
          {confidenceLine({ waiting, quiet, figure: probability })}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="live-changing" sx={{ visibility: readout.changing ? 'visible' : 'hidden' }}>
          Changing: the new reading must hold for a moment first
        </Typography>
      </Box>
      <TopBars top={top} language={language} />
      <Typography variant="caption" color="text.secondary" data-testid="live-smoothing">
        The word, its percentage and the bars are all averaged over the last {readout.smoothedFrames} frames, so one blurry frame does not change
        them.
      </Typography>
      <Box component="details" data-testid="live-details" sx={{ color: 'text.secondary', '& summary': { cursor: 'pointer', typography: 'body2' } }}>
        <summary>Speed and how the model runs here</summary>
        <Typography
          variant="body2"
          data-testid="live-stats"
          data-fps={readout.fps}
          data-latency-median={readout.latencyMedian}
          data-latency-p95={readout.latencyP95}
          data-prepare-median={readout.prepareMedian}
          sx={{ fontVariantNumeric: 'tabular-nums', mt: 0.5 }}
        >
          {readout.fps.toFixed(1)} frames/s · {Math.round(readout.latencyMedian)} ms per frame (slowest {Math.round(readout.latencyP95)} ms) ·{' '}
          <span data-testid="live-backend" data-backend={backend.name}>
            {backend.label}
          </span>
        </Typography>
        {backend.note ? (
          <Typography variant="caption" component="p">
            {backend.note}
          </Typography>
        ) : null}
      </Box>
    </Stack>
  );
}
