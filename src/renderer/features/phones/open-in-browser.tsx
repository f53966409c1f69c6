import { useCallback, useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import UsbIcon from '@mui/icons-material/Usb';
import WifiIcon from '@mui/icons-material/Wifi';
import type { PhoneLinks } from '../../../shared/api/devices';
import { useStudio } from '../../api/hooks';
import { ErrorAlert } from '../../components/error-alert';

interface Props {
  deckId: number;
  deckName: string;
  /** Ready phones plugged in now. */
  readyCount: number;
}

/** The two ways to open the deck in a phone's browser, each explained, offered even with no phone plugged in. */
export function OpenInBrowser({ deckId, deckName, readyCount }: Props) {
  const { client } = useStudio();
  const [links, setLinks] = useState<PhoneLinks | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => void client.getPhoneLinks({ deckId }).then(setLinks, setError), [client, deckId]);
  useEffect(load, [load]);

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setLinks(await client.setPhoneNetworkAccess({ deckId, enabled }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const network = links?.network;

  return (
    <Stack spacing={2.5} data-testid="open-in-browser">
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <UsbIcon fontSize="small" color="primary" />
          <Typography sx={{ fontWeight: 600 }}>With a USB cable</Typography>
        </Stack>
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="usb-route">
          {readyCount > 0
            ? 'Press “Open on this phone” on a phone’s card. '
            : 'Plug in a phone with USB debugging on (the steps are on the left), then press “Open on this phone” on its card. '}
          The phone’s browser opens the deck through the cable, with its live camera. Once the page has loaded it is kept on the phone and works
          unplugged.
        </Typography>
      </Box>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <WifiIcon fontSize="small" color="primary" />
          <Typography sx={{ fontWeight: 600 }}>On the same Wi-Fi, with a QR code</Typography>
        </Stack>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          No cable and no Developer options: a phone on the same network as this computer scans the code. This is off until you turn it on.
        </Typography>
        <FormControlLabel
          sx={{ mt: 0.5 }}
          control={<Switch checked={network?.enabled ?? false} disabled={!links || busy} onChange={(e) => void toggle(e.target.checked)} />}
          label={`Let phones on this network open “${deckName}”`}
        />
        {error ? <ErrorAlert error={error} onClose={() => setError(null)} sx={{ mt: 1 }} /> : null}
        {network?.enabled ? (
          <Box data-testid="network-route">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              While this is on, the studio answers phones on your network, not only this computer. Anyone on the same network who has this code or
              link can open the deck’s page: its model and its words, never your photos. The code stops working when you turn this off or close the
              studio.
            </Typography>
            {network.qrSvg ? (
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Box
                  component="img"
                  src={`data:image/svg+xml;utf8,${encodeURIComponent(network.qrSvg)}`}
                  alt={`QR code of the link to “${deckName}”`}
                  data-testid="phone-qr"
                  sx={{ width: 168, height: 168, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff', flexShrink: 0 }}
                />
                <Box sx={{ minWidth: 0 }}>
                  <Typography variant="body2">Pupils scan it with the phone’s camera app, or type:</Typography>
                  {network.urls.map((u) => (
                    <Typography
                      key={u}
                      variant="body2"
                      sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', mt: 0.5 }}
                      data-testid="network-url"
                    >
                      {u}
                    </Typography>
                  ))}
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                    Phone browsers allow the live camera only through the cable, so on the network the page asks pupils to take a photo instead.
                  </Typography>
                </Box>
              </Stack>
            ) : (
              <Typography variant="body2" color="warning.dark" data-testid="no-network">
                This computer is not on a network right now. Connect it to the school’s Wi-Fi, then turn this off and on again.
              </Typography>
            )}
          </Box>
        ) : null}
      </Box>
    </Stack>
  );
}
