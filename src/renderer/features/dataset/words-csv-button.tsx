import { useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import TableChartIcon from '@mui/icons-material/TableChartOutlined';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import type { DeckClass, LanguageCode } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';
import { useNotices } from '../../components/notices';
import { languageName } from '../projects/languages';
import { exampleRows, wordsTemplateCsv } from './words-template';

interface Props {
  deckId: number;
  deckName: string;
  /** The project's languages, the teacher's own first. */
  languages: LanguageCode[];
  classes: DeckClass[];
  onDone(): void;
}

/**
 * Fills the deck's words from a teacher's spreadsheet. The dialog shows the format with an example
 * in this project's languages and offers a template to fill in; a malformed file is shown there
 * with the line at fault.
 */
export function WordsCsvButton({ deckId, deckName, languages, classes, onDone }: Props) {
  const { client } = useStudio();
  const notices = useNotices();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const example = exampleRows(languages);
  // Made at the click, so it holds the words as they are then.
  const downloadTemplate = () => {
    const url = URL.createObjectURL(new Blob([wordsTemplateCsv(languages, classes)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${deckName} words.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const close = () => {
    setOpen(false);
    setError(null);
  };

  const load = async (file: File) => {
    setError(null);
    try {
      const r = await client.importWordsCsv({ deckId, csv: await file.text() });
      const parts = [`${r.updated} ${r.updated === 1 ? 'word' : 'words'} updated`, `${r.created} new`];
      if (r.languagesAdded.length > 0) parts.push(`new languages: ${r.languagesAdded.map(languageName).join(', ')}`);
      notices.showInfo(`Word list read: ${parts.join(', ')}.`);
      close();
      onDone();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<TableChartIcon />} onClick={() => setOpen(true)}>
        Import words (CSV)
      </Button>
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
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth data-testid="words-csv-dialog">
        <DialogTitle>{error !== null ? 'The word list could not be read' : 'Words from a spreadsheet'}</DialogTitle>
        <DialogContent>
          {error !== null ? <ErrorAlert error={error} sx={{ mb: 2 }} /> : null}
          <Typography variant="body2">
            Save the sheet as <b>CSV (UTF-8)</b>. The first row is <b>key</b> then one language code per column; then one row per word. The key is the
            word’s short name (a folder of photos with that name fills it). An empty cell leaves that word as it is; an empty{' '}
            {languageName(languages[0])} cell takes the key.
          </Typography>
          <Table
            size="small"
            sx={{ my: 2, '& td': { fontFamily: 'monospace', border: 1, borderColor: 'divider' } }}
            aria-label="Example"
            data-testid="words-csv-example"
          >
            <TableBody>
              {example.map((row, r) => (
                <TableRow key={r}>
                  {row.map((c, i) => (
                    <TableCell key={i} sx={{ fontWeight: r === 0 ? 700 : 400 }}>
                      {c}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="body2" color="text.secondary">
            The template has this deck’s words so far in {languages.map(languageName).join(', ')}: fill the gaps and read it back.
          </Typography>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button startIcon={<DownloadIcon />} onClick={downloadTemplate} data-testid="words-csv-template">
            Download a template
          </Button>
          <span style={{ flex: 1 }} />
          <Button onClick={close}>Cancel</Button>
          <Button variant="contained" startIcon={<UploadIcon />} onClick={() => input.current?.click()}>
            Choose the CSV file…
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
