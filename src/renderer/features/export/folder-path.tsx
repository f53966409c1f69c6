import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
import { formatBytes } from '../../../shared/format';
import { useNotices } from '../../components/notices';

/**
 * A long path that wraps only after its separators, never inside a folder name (not even at the
 * dashes of "2025-03-14"): each part is a unit that moves to the next line whole.
 */
function Breakable({ path }: { path: string }) {
  const parts = path.split(/(?<=[\\/])/);
  return (
    <>
      {parts.map((part, i) => (
        <Box component="span" key={i} sx={{ display: 'inline-block', maxWidth: '100%' }}>
          {part}
        </Box>
      ))}
    </>
  );
}

interface Props {
  folder: string;
  /** Browser mode: where the host serves the zip; null when it cannot be downloaded. */
  zipUrl: string | null;
  zipBytes?: number;
  size?: 'small' | 'medium';
}

/** Where an export was written, with "Copy path", and "Download" when the browser can fetch it. */
export function FolderPath({ folder, zipUrl, zipBytes, size = 'medium' }: Props) {
  const notices = useNotices();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(folder);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      notices.showInfo('The path could not be copied here: select it and copy it by hand.', undefined, 'info');
    }
  };
  return (
    <Box>
      <Box
        data-testid="export-folder"
        sx={{
          fontFamily: 'monospace',
          fontSize: size === 'small' ? 12 : 13,
          bgcolor: 'action.hover',
          borderRadius: 1,
          px: 1,
          py: 0.5,
          userSelect: 'all',
          wordBreak: 'normal',
          overflowWrap: 'anywhere',
        }}
      >
        <Breakable path={folder} />
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" startIcon={<ContentCopyIcon fontSize="small" />} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy path'}
        </Button>
        {zipUrl ? (
          <Button
            size="small"
            variant={size === 'small' ? 'text' : 'outlined'}
            startIcon={<DownloadIcon fontSize="small" />}
            href={zipUrl}
            download
            data-testid="download-zip"
          >
            Download the zip{zipBytes !== undefined ? ` (${formatBytes(zipBytes)})` : ''}
          </Button>
        ) : null}
      </Stack>
    </Box>
  );
}
