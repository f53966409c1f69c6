import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/ErrorOutlined';
import type { PushHistoryEntry } from '../../../shared/api/devices';
import { formatBytes, formatWhen, plural } from '../../../shared/format';

/** What went to which phone and when, newest first. */
export function PushHistory({ entries }: { entries: PushHistoryEntry[] | null }) {
  if (!entries) return null;
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing sent from this deck yet.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="push-history" sx={{ '& td, & th': { px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Phone</TableCell>
          <TableCell>What</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id} data-testid="history-row">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Tooltip title={new Date(e.finishedAt).toLocaleString()}>
                <span>{formatWhen(e.finishedAt)}</span>
              </Tooltip>
            </TableCell>
            <TableCell>{e.model ?? e.serial}</TableCell>
            <TableCell>
              <Tooltip title={`${e.exportDir} → ${e.destination}`}>
                <span>{e.ok ? `${plural(e.files, 'file')}, ${formatBytes(e.bytes)}` : '—'}</span>
              </Tooltip>
            </TableCell>
            <TableCell>
              {e.ok ? (
                <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'success.dark' }}>
                  <CheckCircleIcon sx={{ fontSize: 16 }} /> Sent
                </Typography>
              ) : (
                <Tooltip title={e.errorMessage ?? ''}>
                  <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'error.main' }}>
                    <ErrorIcon sx={{ fontSize: 16 }} /> Failed
                  </Typography>
                </Tooltip>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
