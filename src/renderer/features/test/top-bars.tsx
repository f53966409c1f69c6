import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BACKGROUND_NAME } from '../../../shared/background';
import type { LanguageCode } from '../../../shared/domain';
import { wordIn, type RankedClass } from '../../ml/ranking';
import { MissingMark } from './missing-mark';

interface Props {
  top: RankedClass[];
  language: LanguageCode;
  size?: 'large' | 'small';
}

/** The most likely words with how sure the model is of each, as bars. */
export function TopBars({ top, language, size = 'large' }: Props) {
  const big = size === 'large';
  return (
    <Stack spacing={big ? 1.25 : 0.5} data-testid="top-bars">
      {top.map((r, i) => {
        // "Nothing I know" has no words: it is named, never marked as missing.
        const word = r.background ? { text: BACKGROUND_NAME, missing: false } : wordIn(r, language);
        return (
          <Box
            key={r.key}
            data-testid="top-bar"
            data-key={r.key}
            data-probability={r.probability}
            data-missing={word.missing ? 'true' : 'false'}
            data-background={r.background ? 'true' : 'false'}
          >
            <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
              <Typography
                variant={big ? 'h3' : 'body2'}
                component="span"
                sx={{
                  flex: 1,
                  minWidth: 0,
                  fontWeight: i === 0 ? 700 : 500,
                  fontStyle: word.missing || r.background ? 'italic' : undefined,
                  color: r.background ? 'text.secondary' : undefined,
                }}
                noWrap
              >
                {word.text}
                {word.missing ? (
                  <>
                    {' '}
                    <MissingMark language={language} size="small" />
                  </>
                ) : null}
              </Typography>
              <Typography
                variant={big ? 'body1' : 'body2'}
                component="span"
                data-testid="top-bar-percent"
                sx={{ fontVariantNumeric: 'tabular-nums', color: 'text.secondary' }}
              >
                {Math.round(r.probability * 100)}%
              </Typography>
            </Stack>
            <LinearProgress
              variant="determinate"
              value={r.probability * 100}
              color={i === 0 ? 'primary' : 'inherit'}
              aria-label={`${word.text}: ${Math.round(r.probability * 100)}%`}
              sx={{ height: big ? 12 : 6, borderRadius: 6, color: i === 0 ? undefined : 'grey.400', bgcolor: 'grey.200' }}
            />
          </Box>
        );
      })}
    </Stack>
  );
}
