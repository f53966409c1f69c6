import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import HealingIcon from '@mui/icons-material/HealingOutlined';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import type { Finding, FindingKind } from '../../../shared/api/doctor';
import { KIND_WORDING } from '../../../shared/doctor-wording';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { DoctorBadge } from './doctor-badge';
import { FindingCard } from './finding-card';
import { useDoctor } from './use-doctor';
import { useDoctorFixes } from './use-doctor-fixes';

const ACROSS = 'across';
type GroupId = FindingKind | typeof ACROSS;

/** Groups in the order the findings come (worst first); the same photo under two words leads. */
function groupsOf(findings: Finding[]): { id: GroupId; findings: Finding[] }[] {
  const groups = new Map<GroupId, Finding[]>();
  for (const f of findings) {
    const id: GroupId = f.acrossWords ? ACROSS : f.kind;
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  return [...groups].map(([id, list]) => ({ id, findings: list }));
}

const ACROSS_WORDING = {
  heading: 'The same photo is under two words',
  why: 'The model is taught that one picture is two different things. Keep it under the right word only.',
};

function ago(iso: string): string {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return new Date(iso).toLocaleString();
}

function DoctorTab({ deck }: DeckTabProps) {
  const doctor = useDoctor(deck.id);
  const { report, job, findings, hide: hideKeys } = doctor;
  const fixes = useDoctorFixes(deck.id, doctor.show);
  const actions = useMemo(() => {
    const hide = (f: Finding) => hideKeys([f.key]);
    const about = (ids: number[]) => (report?.findings ?? []).filter((f) => f.photos.some((p) => ids.includes(p.id)));
    return {
      move: (f: Finding, classId: number, word: string) => {
        hide(f);
        void fixes.move(f, classId, word);
      },
      remove: (ids: number[]) => {
        about(ids).forEach(hide);
        void fixes.remove(ids);
      },
      keep: (f: Finding) => void fixes.keep(f),
    };
  }, [fixes, report, hideKeys]);

  if (report === undefined) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', pt: 8 }}>
        <CircularProgress aria-label="Loading the doctor's report" />
      </Box>
    );
  }
  const progress = job?.progress;
  return (
    <Box sx={{ height: '100%', overflow: 'auto' }} data-testid="doctor-panel">
      <Box sx={{ maxWidth: 1100, mx: 'auto', px: 3, py: 3 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 2 }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="h2" component="h2">
              Deck doctor
            </Typography>
            <Typography color="text.secondary" sx={{ mt: 0.5 }} data-testid="doctor-status">
              {report === null
                ? 'Looks for photos that would teach the model the wrong thing: copies, blurry or dark photos, photos under the wrong word.'
                : `Checked ${ago(report.createdAt)}: ${report.photoCount} photos, ${findings.length === 0 ? 'nothing to look at' : `${findings.length} ${findings.length === 1 ? 'thing' : 'things'} to look at`}${report.kept > 0 ? ` (${report.kept} kept as they are)` : ''}.`}
            </Typography>
          </Box>
          <Button variant="outlined" onClick={() => void doctor.check(true)} disabled={job !== null} data-testid="doctor-check">
            Check the whole deck
          </Button>
        </Stack>
        {job ? (
          <Box sx={{ mb: 2 }} data-testid="doctor-running">
            <Typography variant="body2">{progress?.message || 'Checking the deck…'}</Typography>
            <LinearProgress
              variant={progress && progress.total > 0 ? 'determinate' : 'indeterminate'}
              value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0}
              sx={{ mt: 0.5 }}
            />
          </Box>
        ) : null}
        {report?.stale && !job ? (
          <Alert
            severity="warning"
            sx={{ mb: 2 }}
            data-testid="doctor-stale"
            action={
              <Button color="inherit" size="small" onClick={() => void doctor.check(false)} data-testid="doctor-check-again">
                Check again
              </Button>
            }
          >
            Photos were added, moved or deleted since the last check: what is listed here may be out of date.
          </Alert>
        ) : null}
        {report && report.withoutFeatures > 0 ? (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="doctor-partial">
            {report.withoutFeatures} of {report.photoCount} photos were checked for copies, focus and light only. “Check the whole deck” also compares
            what the photos show, to find photos under the wrong word (this takes a little while the first time).
          </Alert>
        ) : null}
        {report && findings.length === 0 ? (
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', color: 'success.main', mt: 4 }} data-testid="doctor-clean">
            <TaskAltIcon />
            <Typography>Nothing to look at: the deck looks healthy.</Typography>
          </Stack>
        ) : null}
        {groupsOf(findings).map((g) => {
          const wording = g.id === ACROSS ? ACROSS_WORDING : KIND_WORDING[g.id];
          return (
            <Box key={g.id} component="section" sx={{ mb: 4 }} data-testid="finding-group" data-group={g.id} aria-label={wording.heading}>
              <Typography variant="h3" component="h3">
                {wording.heading} ({g.findings.length})
              </Typography>
              <Typography color="text.secondary" sx={{ mb: 1.5 }}>
                {wording.why}
              </Typography>
              <Stack spacing={1.5}>
                {g.findings.map((f) => (
                  <FindingCard key={f.key} finding={f} deckId={deck.id} actions={actions} />
                ))}
              </Stack>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

export const doctorTab: DeckTab = {
  id: 'doctor',
  label: 'Doctor',
  icon: <HealingIcon fontSize="small" />,
  component: DoctorTab,
  badge: DoctorBadge,
};
