import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import UsbIcon from '@mui/icons-material/Usb';

const STEPS = [
  'On the phone, open Settings › About phone and tap “Build number” seven times. This turns on Developer options.',
  'Open Settings › System › Developer options and turn on “USB debugging”.',
  'Plug the phone into this computer with a USB cable, unlock it, and tap “Allow” when it asks about USB debugging.',
];

/** What to do when no phone is plugged in: the three steps that make a phone appear here. */
export function NoPhones() {
  return (
    <Box sx={{ textAlign: 'center', py: 4, px: 2 }} data-testid="no-phones">
      <UsbIcon sx={{ fontSize: 48, color: 'grey.400' }} />
      <Typography variant="h3" component="p" sx={{ mt: 1 }}>
        Plug in a phone with USB debugging on
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5 }}>
        It appears here by itself, a few seconds after you plug it in.
      </Typography>
      <Box component="ol" sx={{ textAlign: 'left', maxWidth: 520, mx: 'auto', mt: 2, mb: 0, pl: 3, '& li': { mb: 1 } }}>
        {STEPS.map((s) => (
          <Typography component="li" key={s} variant="body2">
            {s}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
