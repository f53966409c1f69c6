import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../../shared/api/training';
import { axisNumber } from './wording';

interface Props {
  curves: EpochMetrics[];
  /** A live run: no dots (they cost most of each redraw), the line alone grows. */
  live?: boolean;
  /** Epochs the run will do: the x axis is fixed to it so the lines grow to the right. */
  epochs: number;
  height?: number;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
/** Dots help read a short run; on long ones they would blur into a thick line. */
const DOT_LIMIT = 120;
/** More points than this add nothing a screen can show, and slow the redraw of a live run. */
const MAX_POINTS = 240;

/** Every k-th epoch (and always the last), so a 1000-epoch run draws as fast as a short one. */
export function thinCurves(curves: EpochMetrics[], max = MAX_POINTS): EpochMetrics[] {
  if (curves.length <= max) return curves;
  const k = Math.ceil(curves.length / max);
  const out = curves.filter((_, i) => i % k === 0);
  if (out.at(-1) !== curves.at(-1)) out.push(curves[curves.length - 1]);
  return out;
}

/** Round epoch numbers for the x axis: 1, 10, 20… or 1, 200, 400… */
export function epochTicks(epochs: number): number[] {
  const raw = Math.max(1, epochs / 5);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks = [1];
  for (let t = step; t <= epochs + 1e-9; t += step) if (Math.round(t) > 1) ticks.push(Math.round(t));
  return ticks;
}

function Chart({
  title,
  testId,
  curves,
  epochs,
  height,
  train,
  val,
  percent,
  live,
}: {
  title: string;
  testId: string;
  curves: EpochMetrics[];
  epochs: number;
  height: number;
  train: 'acc' | 'loss';
  val: 'valAcc' | 'valLoss';
  percent: boolean;
  live: boolean;
}) {
  const theme = useTheme();
  const dots = !live && epochs <= DOT_LIMIT;
  const hasVal = curves.some((c) => c[val] !== null);
  const data = thinCurves(curves);
  return (
    // data-points: the epochs drawn so far (long runs draw a thinned line through them).
    <Box data-testid={testId} data-points={curves.length} sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[1, Math.max(2, epochs)]}
            allowDecimals={false}
            ticks={epochTicks(Math.max(2, epochs))}
            tick={{ fontSize: 12 }}
            label={{ value: 'Epoch', position: 'insideBottomRight', offset: -2, fontSize: 12 }}
            height={36}
          />
          <YAxis domain={percent ? [0, 1] : [0, 'auto']} tickFormatter={percent ? pct : axisNumber} tick={{ fontSize: 12 }} width={44} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? (percent ? pct(v) : v.toFixed(3)) : String(v))}
            labelFormatter={(e) => `Epoch ${e as number}`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Line
            name="Training photos"
            dataKey={train}
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={dots ? { r: 2 } : false}
            isAnimationActive={false}
          />
          {hasVal ? (
            <Line
              name="Held-back photos"
              dataKey={val}
              stroke={theme.palette.secondary.main}
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={dots ? { r: 2 } : false}
              isAnimationActive={false}
              connectNulls
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** Accuracy and loss per epoch, training photos against held-back photos, side by side. */
export function TrainingCurves({ curves, epochs, height = 220, live = false }: Props) {
  return (
    <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
      <Chart
        title="Accuracy (higher is better)"
        testId="accuracy-chart"
        curves={curves}
        epochs={epochs}
        height={height}
        train="acc"
        val="valAcc"
        percent
        live={live}
      />
      <Chart
        title="Loss (lower is better)"
        testId="loss-chart"
        curves={curves}
        epochs={epochs}
        height={height}
        train="loss"
        val="valLoss"
        percent={false}
        live={live}
      />
    </Box>
  );
}
