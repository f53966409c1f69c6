import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import type { ExportSummary } from '../../../shared/api/export';
import { formatWhen } from '../../../shared/format';
import { languageName } from '../projects/languages';
import { FolderPath } from './folder-path';
import { FORMAT_NAMES, quantizeNote, paritySentence } from './wording';

interface Props {
  exports: ExportSummary[] | null;
  emptyText: string;
  zipUrl(e: ExportSummary): string | null;
}

/** Earlier exports of the deck, newest first: what went in, whether it was checked, and where it is. */
export function ExportHistory({ exports, emptyText, zipUrl }: Props) {
  if (exports === null) return <Typography color="text.secondary">Looking for earlier exports…</Typography>;
  if (exports.length === 0)
    return (
      <Typography color="text.secondary" data-testid="no-exports">
        {emptyText}
      </Typography>
    );
  return (
    <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {exports.map((e) => (
        <Box component="li" key={e.id} data-testid="history-item" sx={{ '&:not(:last-child)': { pb: 2, borderBottom: 1, borderColor: 'divider' } }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {e.parity ? (
              <Tooltip title={paritySentence(e.parity)}>
                {e.parity.passed ? (
                  <CheckCircleIcon color="success" fontSize="small" aria-label="checked with TensorFlow Lite" />
                ) : (
                  <ErrorIcon color="error" fontSize="small" aria-label="check failed" />
                )}
              </Tooltip>
            ) : null}
            <Typography sx={{ fontWeight: 600, flex: 1 }} noWrap>
              {formatWhen(e.createdAt)} · {e.decks.map((d) => `${d.name} v${d.versionNumber}`).join(' + ')}
            </Typography>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 0.75 }}>
            {e.formats.map((f) => FORMAT_NAMES[f]).join(' and ')}
            {e.quantize ? ` (${quantizeNote(e.quantize)})` : ''} · {e.languages.map(languageName).join(', ')}
          </Typography>
          {e.exists ? (
            <FolderPath folder={e.folder} zipUrl={zipUrl(e)} size="small" />
          ) : (
            <Typography variant="body2" color="text.secondary">
              The folder has since been moved or deleted.
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
}
