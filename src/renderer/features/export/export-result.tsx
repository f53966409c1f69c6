import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ExportedFileKind, ExportResult } from '../../../shared/api/export';
import { formatBytes } from '../../../shared/format';
import { CheckLine } from './check-line';
import { FolderPath } from './folder-path';
import { decksSentence, fileDescription, parityMeaning, paritySentence, quantizationSentence } from './wording';

/** The model files first, the way a teacher looks for them. */
const KIND_ORDER: ExportedFileKind[] = [
  'tflite',
  'tflite-int8',
  'tflite-full-int8',
  'tfjs-model',
  'tfjs-weights',
  'tfjs-metadata',
  'labels',
  'vocabulary',
  'readme',
  'zip',
];

interface Props {
  result: ExportResult;
  zipUrl: string | null;
}

/** A finished export: the TensorFlow Lite check, the int8 cost, the files and where they are. */
export function ExportResultView({ result, zipUrl }: Props) {
  const zip = result.files.find((f) => f.kind === 'zip');
  const files = result.files
    .filter((f) => f.kind !== 'zip')
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
  const q = result.quantization;
  return (
    <Stack spacing={2} data-testid="export-result">
      <Box>
        <Typography sx={{ fontWeight: 500 }} data-testid="export-decks">
          {decksSentence(result)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {files.length} files, {formatBytes(result.totalBytes - (zip?.bytes ?? 0))} · made in {(result.ms / 1000).toFixed(1)} s
        </Typography>
      </Box>
      {result.parity ? (
        <CheckLine
          testId="parity"
          state={result.parity.passed ? 'passed' : 'failed'}
          title={paritySentence(result.parity)}
          detail={parityMeaning(result.parity)}
        />
      ) : (
        <CheckLine state="info" title="No TensorFlow Lite file, so nothing to check against TensorFlow Lite." />
      )}
      {q ? <CheckLine testId="int8" state={q.passed ? 'passed' : 'failed'} title={quantizationSentence(q, formatBytes)} /> : null}

      <Box>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 0.5 }}>
          Written to
        </Typography>
        <FolderPath folder={result.folder} zipUrl={zipUrl} zipBytes={zip?.bytes} />
      </Box>
      <Box>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 0.5 }}>
          Files
        </Typography>
        <Table size="small" aria-label="Exported files">
          <TableBody>
            {files.map((f) => (
              <TableRow key={f.name} data-testid="export-file" data-name={f.name} sx={{ '& td': { px: 0.75, py: 0.5 } }}>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}>{f.name}</TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{fileDescription(f.kind)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid="file-size">
                  {formatBytes(f.bytes)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
}
