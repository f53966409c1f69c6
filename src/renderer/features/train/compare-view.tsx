import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import type { ModelVersion } from '../../../shared/api/training';
import { ErrorAlert } from '../../components/error-alert';
import { labelFor, labelText, type ClassLabel } from './class-words';
import { Section } from './results-view';
import { settingRows } from './settings-fields';
import { TrainingCurves } from './training-curves';
import { useVersionDetail } from './use-versions';
import { percent } from './wording';
import { formatWhen } from '../../../shared/format';

interface Props {
  ids: [number, number];
  labels: Map<string, ClassLabel>;
  onClose(): void;
}

const acc = (x: number | null | undefined) => (x === null || x === undefined ? '–' : percent(x));

function Headline({ v }: { v: ModelVersion }) {
  const right = v.metrics.confusion.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  return (
    <Paper variant="outlined" sx={{ p: 2.5, flex: 1 }} data-testid="compare-column">
      <Typography variant="h3" component="h3">
        Version {v.number}
        {v.current ? ' (in use)' : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        trained {formatWhen(v.createdAt)}
      </Typography>
      <Typography sx={{ fontSize: '2.5rem', fontWeight: 700, lineHeight: 1.2, mt: 1 }}>{acc(v.metrics.accuracy)}</Typography>
      <Typography variant="body2" color="text.secondary">
        {v.metrics.n > 0 ? `${right} of ${v.metrics.n} held-back photos recognised` : 'not checked on held-back photos'}
      </Typography>
    </Paper>
  );
}

/** Two versions side by side: what changed in the settings, how well each does, and how each trained. */
export function CompareView({ ids, labels, onClose }: Props) {
  const a = useVersionDetail(ids[0]);
  const b = useVersionDetail(ids[1]);
  if (a.error || b.error) return <ErrorAlert error={a.error ?? b.error} />;
  if (!a.version || !b.version) return <CircularProgress aria-label="Loading versions" />;
  // Older on the left, so "what changed" reads left to right.
  const [x, y] = a.version.number <= b.version.number ? [a.version, b.version] : [b.version, a.version];
  const rows = settingRows(x.settings, y.settings);
  const keys = [...new Set([...x.metrics.labels, ...y.metrics.labels])];
  const changed = rows.filter((r) => !r.same);

  return (
    <Stack spacing={2.5} data-testid="compare">
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h2" component="h2" sx={{ flex: 1 }}>
          Version {x.number} and version {y.number} side by side
        </Typography>
        <Button startIcon={<CloseIcon />} onClick={onClose}>
          Close comparison
        </Button>
      </Stack>
      <Stack direction="row" spacing={2.5}>
        <Headline v={x} />
        <Headline v={y} />
      </Stack>
      <Section
        title="Settings"
        hint={
          changed.length === 0
            ? 'Both were trained with the same settings.'
            : `${changed.length} ${changed.length === 1 ? 'setting differs' : 'settings differ'}; they are highlighted.`
        }
        testId="compare-settings"
      >
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Setting</TableCell>
              <TableCell align="right">Version {x.number}</TableCell>
              <TableCell align="right">Version {y.number}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow
                key={r.label}
                data-testid={r.same ? 'setting-same' : 'setting-changed'}
                sx={
                  r.same
                    ? { '& td': { color: 'text.secondary' } }
                    : (t) => ({ bgcolor: alpha(t.palette.warning.main, 0.08), '& td': { fontWeight: 700 } })
                }
              >
                <TableCell>{r.label}</TableCell>
                <TableCell align="right">{r.a}</TableCell>
                <TableCell align="right">{r.b}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Each word" hint="Share of each word's held-back photos recognised." testId="compare-words">
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Word</TableCell>
              <TableCell align="right">Version {x.number}</TableCell>
              <TableCell align="right">Version {y.number}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((k) => {
              const p = x.metrics.perClass[k];
              const q = y.metrics.perClass[k];
              const better = p != null && q != null ? Math.sign(q - p) : 0;
              return (
                <TableRow key={k}>
                  <TableCell>{labelText(labelFor(labels, k))}</TableCell>
                  <TableCell align="right">{acc(p)}</TableCell>
                  <TableCell
                    align="right"
                    sx={{ color: better > 0 ? 'success.dark' : better < 0 ? 'error.main' : undefined, fontWeight: better !== 0 ? 700 : undefined }}
                  >
                    {acc(q)}
                    {better > 0 ? ' ▲' : better < 0 ? ' ▼' : ''}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Section>
      <Section title="How training went" testId="compare-curves">
        <Stack spacing={3}>
          {[x, y].map((v) => (
            <Box key={v.id}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                Version {v.number}
              </Typography>
              <TrainingCurves curves={v.curves} epochs={v.settings.epochs} height={180} />
            </Box>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}
