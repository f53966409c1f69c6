import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type { EvaluationMetrics } from '../../../shared/api/training';
import { labelFor, type ClassLabel } from './class-words';

interface Props {
  metrics: EvaluationMetrics;
  labels: Map<string, ClassLabel>;
}

const CELL = 56;

function AxisTitle({ children, vertical }: { children: string; vertical?: boolean }) {
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      sx={{
        fontWeight: 600,
        letterSpacing: 0.5,
        textTransform: 'uppercase',
        textAlign: 'center',
        alignSelf: 'center',
        justifySelf: 'center',
        ...(vertical ? { writingMode: 'vertical-rl', transform: 'rotate(180deg)' } : {}),
      }}
    >
      {children}
    </Typography>
  );
}

function WordHeader({ label, top }: { label: ClassLabel; top: boolean }) {
  return (
    <Box
      title={label.showKey ? `${label.word} (${label.key})` : label.word}
      sx={{
        display: 'flex',
        flexDirection: 'column',
        overflow: 'hidden',
        justifyContent: top ? 'flex-end' : 'center',
        alignItems: top ? 'center' : 'flex-end',
        px: top ? 0.75 : 1,
        pb: top ? 0.5 : 0,
      }}
    >
      <Typography variant="body2" noWrap sx={{ fontWeight: 600, lineHeight: 1.2, maxWidth: 160 }}>
        {label.word}
      </Typography>
      {label.showKey ? (
        <Typography variant="caption" color="text.secondary" noWrap sx={{ maxWidth: 160 }}>
          {label.key}
        </Typography>
      ) : null}
    </Box>
  );
}

/**
 * Rows: what a photo really shows; columns: what the model said. Right answers sit on the diagonal
 * (green), mix-ups off it (red); colour strength is the share of that row's photos.
 */
export function ConfusionMatrix({ metrics, labels }: Props) {
  const theme = useTheme();
  const { confusion, labels: keys } = metrics;
  const names = keys.map((k) => labelFor(labels, k));
  const k = keys.length;

  return (
    <Box data-testid="confusion-matrix" sx={{ overflowX: 'auto', pb: 1 }}>
      <Box
        role="table"
        aria-label="Confusion matrix: actual word by row, recognised word by column"
        sx={{
          display: 'inline-grid',
          gap: '2px',
          // Axis title, word names, then one column per word, all as wide as the longest word (1fr tracks of an
          // auto-sized grid share the widest content), and never narrower than a square.
          gridTemplateColumns: `auto max-content repeat(${k}, minmax(${CELL}px, 1fr))`,
          gridTemplateRows: `auto auto repeat(${k}, ${CELL}px)`,
        }}
      >
        <Box sx={{ gridColumn: `3 / span ${k}`, gridRow: 1, display: 'flex', justifyContent: 'center', mb: 0.5 }}>
          <AxisTitle>Recognised as</AxisTitle>
        </Box>
        <Box sx={{ gridColumn: 1, gridRow: `3 / span ${k}`, display: 'flex', pr: 0.5 }}>
          <AxisTitle vertical>Actual word</AxisTitle>
        </Box>
        <Box role="row" sx={{ display: 'contents' }}>
          {names.map((n, j) => (
            <Box key={n.key} role="columnheader" sx={{ gridColumn: 3 + j, gridRow: 2, display: 'flex', justifyContent: 'center' }}>
              <WordHeader label={n} top />
            </Box>
          ))}
        </Box>
        {confusion.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0);
          return (
            <Box role="row" key={keys[i]} sx={{ display: 'contents' }}>
              <Box role="rowheader" sx={{ gridColumn: 2, gridRow: 3 + i, display: 'flex', justifyContent: 'flex-end' }}>
                <WordHeader label={names[i]} top={false} />
              </Box>
              {row.map((count, j) => {
                const share = total > 0 ? count / total : 0;
                const base = i === j ? theme.palette.success.main : theme.palette.error.main;
                return (
                  <Tooltip key={keys[j]} title={`${count} ${count === 1 ? 'photo' : 'photos'} of ${names[i].word} recognised as ${names[j].word}`}>
                    <Box
                      role="cell"
                      data-testid="confusion-cell"
                      data-actual={keys[i]}
                      data-predicted={keys[j]}
                      sx={{
                        gridColumn: 3 + j,
                        gridRow: 3 + i,
                        display: 'flex',
                        alignItems: 'center',
                        justifyContent: 'center',
                        borderRadius: 1,
                        bgcolor: count === 0 ? theme.palette.grey[100] : alpha(base, 0.2 + 0.8 * share),
                        color: count === 0 ? theme.palette.text.disabled : share > 0.55 ? theme.palette.common.white : theme.palette.text.primary,
                        fontWeight: count > 0 ? 700 : 400,
                        fontSize: 15,
                      }}
                    >
                      {count}
                    </Box>
                  </Tooltip>
                );
              })}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
