import { Fragment } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import InsertDriveFileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import type { PushPreview } from '../../../shared/api/devices';
import { formatBytes, formatWhen, plural } from '../../../shared/format';

/** A long path that wraps after its slashes rather than in the middle of a name. */
function PathWithBreaks({ path }: { path: string }) {
  const parts = path.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}

interface Props {
  /** undefined while loading; null when the deck was never exported. */
  preview: PushPreview | null | undefined;
  deckName: string;
  /** Goes to the Export tab; absent when the studio has none. */
  onExport?: () => void;
}

/** What "Send to phones" sends: the latest export's files and sizes, and the folder on each phone. */
export function ExportPreview({ preview, deckName, onExport }: Props) {
  if (preview === undefined) return <Typography color="text.secondary">Looking for the latest export…</Typography>;
  if (preview === null) {
    return (
      <Alert
        severity="info"
        data-testid="not-exported"
        action={
          onExport ? (
            <Button color="inherit" size="small" onClick={onExport}>
              Go to Export
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>“{deckName}” has not been exported yet</AlertTitle>
        Phones get the deck’s latest export.{' '}
        {onExport ? 'Export it first, then come back here.' : 'Export it first (with the Export screen or “magritte export”), then come back here.'}
      </Alert>
    );
  }
  return (
    <Box data-testid="export-preview">
      <Typography variant="body2" color="text.secondary">
        The export from {formatWhen(preview.exportedAt)}: {plural(preview.files.length, 'file')}, {formatBytes(preview.totalBytes)} in all.
      </Typography>
      <Stack component="ul" spacing={0.25} sx={{ listStyle: 'none', p: 0, my: 1.5 }}>
        {preview.files.map((f) => (
          <Stack component="li" key={f.name} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <InsertDriveFileIcon sx={{ fontSize: 16, color: 'text.secondary' }} />
            <Typography variant="body2" sx={{ flex: 1, fontFamily: 'monospace', fontSize: 13 }} noWrap>
              {f.name}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {formatBytes(f.bytes)}
            </Typography>
          </Stack>
        ))}
      </Stack>
      <Typography variant="body2" color="text.secondary">
        On each phone they go to
      </Typography>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', fontSize: 13, mt: 0.25 }}>
        <PathWithBreaks path={preview.destination} />
      </Typography>
    </Box>
  );
}
