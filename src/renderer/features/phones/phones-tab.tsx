import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PhoneAndroidIcon from '@mui/icons-material/PhoneAndroid';
import SendToMobileIcon from '@mui/icons-material/SendToMobile';
import SystemUpdateIcon from '@mui/icons-material/SystemUpdate';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import type { Phone, PushHistoryEntry, PushPreview } from '../../../shared/api/devices';
import type { DeckTab, DeckTabProps } from '../../app/deck-tab';
import { DECK_TABS } from '../../app/deck-tabs';
import { routeHash } from '../../app/route';
import { useStudio, useStudioEvent } from '../../api/hooks';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { ModelStatusLine } from '../deploy/model-status-line';
import { updatePlanText } from '../deploy/status-wording';
import { UpdateProgress } from '../deploy/update-progress';
import { useDeckStatus } from '../deploy/use-deck-status';
import { useUpdatePhones } from '../deploy/use-update-phones';
import { ExportPreview } from './export-preview';
import { NoPhones } from './no-phones';
import { OpenInBrowser } from './open-in-browser';
import { PhoneList } from './phone-list';
import { PhoneSettingsDialog } from './phone-settings-dialog';
import { phoneName } from './phone-state';
import { PushHistory } from './push-history';
import { SendProgress } from './send-progress';
import { usePhones } from './use-phones';
import { usePush } from './use-push';

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} component="section" aria-label={title}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5, minHeight: 36 }}>
        <Typography variant="h3" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

function PhonesTab({ deck }: DeckTabProps) {
  const { client } = useStudio();
  const { phones, error: adbError, refresh } = usePhones();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<PushPreview | null | undefined>(undefined);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [history, setHistory] = useState<PushHistoryEntry[] | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ name: string; url: string } | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);

  const loadPreview = useCallback(() => {
    client.previewPush({ deckId: deck.id }).then((p) => {
      setPreview(p);
      setPreviewError(null);
    }, setPreviewError);
  }, [client, deck.id]);
  const loadHistory = useCallback(() => {
    client.listPushHistory({ deckId: deck.id, limit: 20 }).then(setHistory, () => setHistory([]));
  }, [client, deck.id]);
  useEffect(loadPreview, [loadPreview]);
  useEffect(loadHistory, [loadHistory]);
  useStudioEvent('job.finished', ({ kind }) => {
    if (kind === 'export') loadPreview();
    // Pushes started by "Update phones" too.
    if (kind === 'push') loadHistory();
  });
  const { status } = useDeckStatus(deck.id);
  const update = useUpdatePhones(deck.id);

  const push = usePush(deck.id, loadHistory);
  const ready = useMemo(() => (phones ?? []).filter((p) => p.ready), [phones]);
  const chosen = useMemo(() => new Set(ready.filter((p) => !excluded.has(p.serial)).map((p) => p.serial)), [ready, excluded]);
  const exportTab = DECK_TABS.find((t) => t.id === 'export');

  const toggle = (serial: string) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(serial)) next.delete(serial);
      else next.add(serial);
      return next;
    });

  const openOn = async (phone: Phone) => {
    setOpening(phone.serial);
    setOpenError(null);
    setOpened(null);
    try {
      const r = await client.openOnPhone({ deckId: deck.id, serial: phone.serial });
      setOpened({ name: phoneName(phone), url: r.url });
    } catch (e) {
      setOpenError(e);
    } finally {
      setOpening(null);
    }
  };

  const count = chosen.size;
  const sendLabel =
    count === 0 ? 'Send to phones' : count === 1 ? `Send to ${phoneName(ready.find((p) => chosen.has(p.serial))!)}` : `Send to ${count} phones`;
  const canSend = count > 0 && !!preview && !push.running && !update.running;
  // Behind the deck (or never exported): the one click that trains, exports and sends comes first.
  const stale = !!status && (status.needs.train || status.needs.export);
  const updateLabel =
    count > 1 ? `Update ${count} phones` : count === 1 ? `Update ${phoneName(ready.find((p) => chosen.has(p.serial))!)}` : 'Update phones';

  return (
    <Box sx={{ height: '100%', overflow: 'auto', bgcolor: 'background.default' }}>
      <Box sx={{ maxWidth: 1280, mx: 'auto', p: 3 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 2.5 }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="h2" component="h2">
              Phones
            </Typography>
            <Typography color="text.secondary" sx={{ mt: 0.5 }}>
              Send “{deck.name}” to Android phones plugged into this computer, or open it in a phone’s browser to try it with the camera.
            </Typography>
          </Box>
          <Button startIcon={<SettingsIcon />} onClick={() => setSettingsOpen(true)}>
            Phone settings
          </Button>
          <Button
            variant={stale ? 'outlined' : 'contained'}
            size="large"
            startIcon={push.running ? <CircularProgress size={18} color="inherit" /> : <SendToMobileIcon />}
            disabled={!canSend}
            onClick={() => void push.start([...chosen])}
          >
            {push.running ? 'Sending…' : sendLabel}
          </Button>
          {stale ? (
            <Button
              variant="contained"
              size="large"
              startIcon={update.running ? <CircularProgress size={18} color="inherit" /> : <SystemUpdateIcon />}
              disabled={count === 0 || update.running || push.running}
              onClick={() => void update.start([...chosen])}
              title={status ? updatePlanText(status) : undefined}
            >
              {update.running ? 'Updating…' : updateLabel}
            </Button>
          ) : null}
        </Stack>

        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2.5} sx={{ alignItems: 'flex-start' }}>
          <Stack spacing={2.5} sx={{ flex: 1, minWidth: 0, width: '100%' }}>
            {update.jobId || update.error ? <UpdateProgress update={update} /> : null}
            {push.jobId || push.error || push.targets.length > 0 ? <SendProgress push={push} phones={phones ?? []} /> : null}
            <Section
              title="Phones plugged in"
              action={
                phones && phones.length > 0 ? (
                  <Typography color="text.secondary">
                    {ready.length} of {phones.length} ready
                  </Typography>
                ) : undefined
              }
            >
              {adbError ? (
                <Alert
                  severity="error"
                  role="alert"
                  sx={{ mb: 2 }}
                  action={
                    <Button color="inherit" size="small" onClick={refresh}>
                      Try again
                    </Button>
                  }
                >
                  <AlertTitle>{describeError(adbError).message}</AlertTitle>
                  {describeError(adbError).fix}
                </Alert>
              ) : null}
              {opened ? (
                <Alert severity="success" sx={{ mb: 2 }} onClose={() => setOpened(null)} data-testid="opened-on-phone">
                  <AlertTitle>Opened on {opened.name}</AlertTitle>
                  The phone shows{' '}
                  <Box component="span" sx={{ fontFamily: 'monospace' }}>
                    {opened.url}
                  </Box>{' '}
                  in its browser. Keep the studio running while it loads; after that it works even when unplugged.
                </Alert>
              ) : null}
              {openError ? <ErrorAlert error={openError} onClose={() => setOpenError(null)} sx={{ mb: 2 }} /> : null}
              {phones === null ? (
                <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', py: 3, justifyContent: 'center' }}>
                  <CircularProgress size={20} />
                  <Typography color="text.secondary">Looking for phones…</Typography>
                </Stack>
              ) : phones.length === 0 ? (
                adbError ? null : (
                  <NoPhones />
                )
              ) : (
                <PhoneList
                  phones={phones}
                  held={status?.phones ?? []}
                  chosen={chosen}
                  onToggle={toggle}
                  onOpen={opening ? null : (p) => void openOn(p)}
                  busy={push.running || update.running || opening !== null}
                />
              )}
            </Section>
          </Stack>
          <Stack spacing={2.5} sx={{ width: { xs: '100%', md: 420 }, flexShrink: 0 }}>
            <Section title="What is sent">
              {status && (status.export || status.model) ? (
                <Box sx={{ mb: 2 }}>
                  <ModelStatusLine status={status} of="export" />
                  {stale ? (
                    <Typography variant="body2" sx={{ mt: 1 }} data-testid="update-plan">
                      “{updateLabel}” {updatePlanText(status).replace(/^./, (c) => c.toLowerCase())}
                    </Typography>
                  ) : null}
                </Box>
              ) : null}
              {previewError ? (
                <ErrorAlert error={previewError} />
              ) : (
                <ExportPreview
                  preview={preview}
                  deckName={deck.name}
                  onExport={exportTab ? () => void (window.location.hash = routeHash({ deckId: deck.id, tab: exportTab.id })) : undefined}
                />
              )}
            </Section>
            <Section title="Open on a phone’s browser">
              <OpenInBrowser deckId={deck.id} deckName={deck.name} readyCount={ready.length} />
            </Section>
            <Section title="Sent before">
              <PushHistory entries={history} />
            </Section>
          </Stack>
        </Stack>
      </Box>
      <PhoneSettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        onSaved={() => {
          // Another adb or phone folder: what was said about phones before may no longer hold.
          setOpened(null);
          setOpenError(null);
          loadPreview();
          refresh();
        }}
      />
    </Box>
  );
}

export const phonesTab: DeckTab = {
  id: 'phones',
  label: 'Phones',
  icon: <PhoneAndroidIcon fontSize="small" />,
  component: PhonesTab,
};
