import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PhoneAndroidIcon from '@mui/icons-material/PhoneAndroid';
import PhonelinkRingIcon from '@mui/icons-material/PhonelinkRing';
import type { PhoneDeckStatus } from '../../../shared/api/deploy';
import type { Phone } from '../../../shared/api/devices';
import { phoneName, sortPhones, stateLabel } from './phone-state';

interface Props {
  phones: Phone[];
  /** What each phone last received of this deck. */
  held: PhoneDeckStatus[];
  chosen: Set<string>;
  onToggle(serial: string): void;
  /** Opening the page on a phone; null while another opening runs. */
  onOpen: ((phone: Phone) => void) | null;
  busy: boolean;
}

/** One card per phone: its name, serial and state; a ready phone can be chosen or opened. */
export function PhoneList({ phones, held, chosen, onToggle, onOpen, busy }: Props) {
  return (
    <Stack spacing={1.5} data-testid="phone-list">
      {sortPhones(phones).map((phone) => {
        const { label, tone } = stateLabel(phone.state);
        const name = phoneName(phone);
        const has = held.find((h) => h.serial === phone.serial);
        return (
          <Box
            key={phone.serial}
            data-testid="phone-card"
            data-serial={phone.serial}
            sx={{
              display: 'flex',
              gap: 1.5,
              alignItems: 'flex-start',
              p: 1.5,
              borderRadius: 2,
              border: 1,
              borderColor: phone.ready ? 'divider' : tone === 'warning' ? 'warning.light' : 'error.light',
              bgcolor: phone.ready ? 'background.paper' : tone === 'warning' ? '#fff8ef' : '#fff5f5',
            }}
          >
            <Checkbox
              checked={phone.ready && chosen.has(phone.serial)}
              disabled={!phone.ready || busy}
              onChange={() => onToggle(phone.serial)}
              slotProps={{ input: { 'aria-label': `Send to ${name}` } }}
              sx={{ mt: -0.5, ml: -0.5 }}
            />
            <PhoneAndroidIcon sx={{ color: phone.ready ? 'primary.main' : 'text.disabled', mt: 0.5 }} />
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography sx={{ fontWeight: 600 }}>{name}</Typography>
                <Chip size="small" label={label} color={tone} variant={phone.ready ? 'filled' : 'outlined'} data-testid="phone-state" />
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                {phone.serial}
              </Typography>
              <Typography variant="body2" color={has && !has.upToDate ? 'warning.dark' : 'text.secondary'} data-testid="phone-holds">
                {!has
                  ? 'Has not received this deck from the studio yet.'
                  : `Has ${has.versionNumber === null ? 'an earlier export' : `Version ${has.versionNumber}`}${has.upToDate ? ', up to date.' : ', out of date.'}`}
              </Typography>
              {phone.diagnosis ? (
                <Box sx={{ mt: 1 }} data-testid="phone-fix">
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {phone.diagnosis.message}
                  </Typography>
                  <Typography variant="body2">{phone.diagnosis.fix}</Typography>
                </Box>
              ) : null}
            </Box>
            {phone.ready && onOpen ? (
              <Button size="small" startIcon={<PhonelinkRingIcon />} onClick={() => onOpen(phone)} disabled={busy} sx={{ flexShrink: 0 }}>
                Open on this phone
              </Button>
            ) : null}
          </Box>
        );
      })}
    </Stack>
  );
}
