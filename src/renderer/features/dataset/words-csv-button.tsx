import { useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import TableChartIcon from '@mui/icons-material/TableChartOutlined';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { useNotices } from '../../components/notices';
import { languageName } from '../projects/languages';

const HOW = 'A spreadsheet saved as CSV (UTF-8). First row: key, then language codes, e.g. key,fr,es. Then one row per word: apple,pomme,manzana.';

/** Fills the deck's words from a teacher's word list; a malformed file is shown with the line at fault. */
export function WordsCsvButton({ deckId, onDone }: { deckId: number; onDone(): void }) {
  const { client } = useStudio();
  const notices = useNotices();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async (file: File) => {
    try {
      const r = await client.importWordsCsv({ deckId, csv: await file.text() });
      const parts = [`${r.updated} ${r.updated === 1 ? 'word' : 'words'} updated`, `${r.created} new`];
      if (r.languagesAdded.length > 0) parts.push(`new languages: ${r.languagesAdded.map(languageName).join(', ')}`);
      notices.showInfo(`Word list read: ${parts.join(', ')}.`);
      onDone();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Tooltip title={HOW}>
        <Button size="small" startIcon={<TableChartIcon />} onClick={() => input.current?.click()}>
          Import words (CSV)
        </Button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="words-csv-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void load(file);
        }}
      />
      <Dialog open={error !== null} onClose={() => setError(null)} maxWidth="sm" fullWidth>
        <DialogTitle>The word list could not be read</DialogTitle>
        <DialogContent>
          <ErrorAlert error={error} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>{HOW}</Typography>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button variant="contained" onClick={() => setError(null)}>OK</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
