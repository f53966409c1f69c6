import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvaluationMetrics } from '../../../shared/api/training';
import { labelFor, labelText, type ClassLabel } from './class-words';

interface Props {
  metrics: EvaluationMetrics;
  labels: Map<string, ClassLabel>;
}

const ROW = 34;

/** Per word: the share of its held-back photos recognised, as horizontal bars coloured by how well. */
export function ClassAccuracyChart({ metrics, labels }: Props) {
  const theme = useTheme();
  const rows = metrics.labels.map((key, i) => {
    const share = metrics.perClass[key];
    const n = metrics.confusion[i]?.reduce((a, b) => a + b, 0) ?? 0;
    return {
      key,
      name: labelText(labelFor(labels, key)),
      value: share ?? 0,
      text: share === null ? 'no photos held back' : `${Math.round(share * 100)}% (${metrics.confusion[i][i]} of ${n})`,
    };
  });
  const colour = (v: number) => (v >= 0.9 ? theme.palette.success.main : v >= 0.7 ? theme.palette.warning.main : theme.palette.error.main);
  const nameWidth = Math.min(200, 24 + 7.5 * Math.max(...rows.map((r) => r.name.length), 4));

  return (
    <Box data-testid="class-accuracy" data-bars={rows.length} sx={{ width: '100%' }}>
      <ResponsiveContainer width="100%" height={rows.length * ROW + 40}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 130, bottom: 4, left: 4 }} barCategoryGap={6}>
          <CartesianGrid horizontal={false} stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            tick={{ fontSize: 12 }}
          />
          <YAxis type="category" dataKey="name" width={nameWidth} tick={{ fontSize: 13, fill: theme.palette.text.primary }} interval={0} />
          <Tooltip
            formatter={(_v, _n, item) => [(item.payload as { text: string }).text, 'Recognised']}
            cursor={{ fill: theme.palette.action.hover }}
          />
          <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]}>
            {rows.map((r) => (
              <Cell key={r.key} fill={colour(r.value)} />
            ))}
            <LabelList dataKey="text" position="right" style={{ fontSize: 12, fill: theme.palette.text.secondary }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
