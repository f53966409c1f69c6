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
const HEADER = 120;

/**
 * Rows: what a photo really shows; columns: what the model said. Right answers sit on the diagonal
 * (green), mix-ups off it (red); colour strength is the share of that row's photos.
 */
export function ConfusionMatrix({ metrics, labels }: Props) {
  const theme = useTheme();
  const { confusion, labels: keys } = metrics;
  const names = keys.map((k) => labelFor(labels, k));
  const cols = `${HEADER}px repeat(${keys.length}, ${CELL}px)`;

  const header = (text: string, sub: string | null, key: string, side: 'top' | 'left') => (
    <Box
      key={`${side}-${key}`}
      title={sub ? `${text} (${sub})` : text}
      sx={{
        display: 'flex', flexDirection: 'column', justifyContent: side === 'top' ? 'flex-end' : 'center', alignItems: side === 'top' ? 'center' : 'flex-end',
        px: 0.5, pb: side === 'top' ? 0.5 : 0, overflow: 'hidden', textAlign: side === 'top' ? 'center' : 'right',
      }}
    >
      <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: 1.2, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: side === 'top' ? 'normal' : 'nowrap', wordBreak: 'break-word' }}>
        {text}
      </Typography>
      {sub ? <Typography variant="caption" color="text.secondary" noWrap sx={{ maxWidth: '100%' }}>{sub}</Typography> : null}
    </Box>
  );

  return (
    <Box data-testid="confusion-matrix" sx={{ overflowX: 'auto', pb: 1 }}>
      <Box sx={{ display: 'inline-flex', alignItems: 'stretch' }}>
        <Box sx={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center', pt: '48px', pr: 0.5 }}>
          <Typography variant="caption" color="text.secondary" sx={{ fontWeight: 600, letterSpacing: 0.5 }}>ACTUAL WORD</Typography>
        </Box>
        <Box>
          <Typography variant="caption" component="div" color="text.secondary" sx={{ fontWeight: 600, letterSpacing: 0.5, ml: `${HEADER}px`, textAlign: 'center', width: keys.length * CELL, mb: 0.5 }}>
            RECOGNISED AS
          </Typography>
          <Box role="table" aria-label="Confusion matrix: actual word by row, recognised word by column" sx={{ display: 'grid', gridTemplateColumns: cols, gridAutoRows: `${CELL}px`, gap: '2px' }}>
            <Box role="row" sx={{ display: 'contents' }}>
              <Box />
              {names.map((n) => header(n.word, n.showKey ? n.key : null, n.key, 'top'))}
            </Box>
            {confusion.map((row, i) => {
              const total = row.reduce((a, b) => a + b, 0);
              return (
                <Box role="row" key={keys[i]} sx={{ display: 'contents' }}>
                  {header(names[i].word, names[i].showKey ? names[i].key : null, keys[i], 'left')}
                  {row.map((count, j) => {
                    const share = total > 0 ? count / total : 0;
                    const base = i === j ? theme.palette.success.main : theme.palette.error.main;
                    const strong = share > 0.55;
                    return (
                      <Tooltip key={keys[j]} title={`${count} ${count === 1 ? 'photo' : 'photos'} of ${names[i].word} recognised as ${names[j].word}`}>
                        <Box
                          role="cell"
                          data-testid="confusion-cell"
                          data-actual={keys[i]}
                          data-predicted={keys[j]}
                          sx={{
                            display: 'flex', alignItems: 'center', justifyContent: 'center', borderRadius: 1,
                            bgcolor: count === 0 ? theme.palette.grey[100] : alpha(base, 0.15 + 0.85 * share),
                            color: count === 0 ? theme.palette.text.disabled : strong ? theme.palette.common.white : theme.palette.text.primary,
                            fontWeight: count > 0 ? 700 : 400, fontSize: 15,
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
      </Box>
    </Box>
  );
}
