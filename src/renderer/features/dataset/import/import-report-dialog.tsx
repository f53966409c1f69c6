import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import BrokenImageIcon from '@mui/icons-material/BrokenImageOutlined';
import type { ImportReport } from '../../../../shared/domain';
import { LINK_OUTSIDE, linksSkippedText } from '../../../../shared/import-refusals';
import { explainRefusal } from './refusal-fixes';

function Figure({ value, label, tone }: { value: number; label: string; tone: 'success' | 'info' | 'error' }) {
  return (
    <Box
      sx={{ flex: 1, p: 1.5, borderRadius: 2, border: 1, borderColor: `${tone}.light`, bgcolor: (t) => alpha(t.palette[tone].main, 0.06) }}
      data-testid={`report-${tone}`}
    >
      <Typography variant="h2" component="div" color={`${tone}.dark`}>
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

function linksSkipped(report: ImportReport): number {
  return report.refused.filter((r) => r.code === LINK_OUTSIDE).length;
}

/** The end of an import: how many photos were added, already there, or refused, and why. */
export function ImportReportDialog({ report, title, onClose }: { report: ImportReport | null; title: string; onClose(): void }) {
  return (
    <Dialog open={report !== null} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="import-report-title">
      <DialogTitle id="import-report-title">{title}</DialogTitle>
      {report ? (
        <DialogContent>
          <Stack spacing={2}>
            {report.cancelled ? <Alert severity="info">You stopped the import. The photos added before that are kept.</Alert> : null}
            <Stack direction="row" spacing={1.5}>
              <Figure value={report.imported} label={report.imported === 1 ? 'photo added' : 'photos added'} tone="success" />
              <Figure value={report.duplicates} label="already in the project (skipped)" tone="info" />
              <Figure
                value={report.refused.length}
                label={report.refused.length === 1 ? 'file could not be used' : 'files could not be used'}
                tone="error"
              />
            </Stack>
            {linksSkipped(report) > 0 ? (
              <Alert severity="warning" data-testid="links-skipped">
                {linksSkippedText(linksSkipped(report))}. Only photos inside the folder you chose are imported.
              </Alert>
            ) : null}
            {report.classesCreated.length > 0 ? (
              <Typography>
                New words made from folder names: <strong>{report.classesCreated.join(', ')}</strong>.
              </Typography>
            ) : null}
            {report.refused.length > 0 ? (
              <Box>
                <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
                  Files that could not be used
                </Typography>
                <List dense disablePadding sx={{ maxHeight: 320, overflow: 'auto' }} data-testid="refused-list">
                  {report.refused.map((r, i) => {
                    const { reason, fix } = explainRefusal(r.code, r.reason);
                    return (
                      <ListItem key={`${r.file}-${i}`} alignItems="flex-start" disableGutters data-testid="refused-file">
                        <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>
                          <BrokenImageIcon color="error" />
                        </ListItemIcon>
                        <ListItemText
                          primary={r.file}
                          secondary={fix ? `${reason} ${fix}` : reason}
                          slotProps={{ primary: { sx: { fontWeight: 600 } } }}
                        />
                      </ListItem>
                    );
                  })}
                </List>
              </Box>
            ) : null}
          </Stack>
        </DialogContent>
      ) : null}
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onClose}>
          OK
        </Button>
      </DialogActions>
    </Dialog>
  );
}
