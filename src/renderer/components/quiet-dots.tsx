import Box from '@mui/material/Box';

/**
 * "Nothing I know" on the studio's Test screens: three round dots, drawn rather than typed, as on
 * the phone page (src/renderer/phone/phone.css). The ellipsis character came out as three squares
 * in Debian Chromium's fallback font, and a teacher's machine may have any font.
 */
export function QuietDots() {
  return (
    <Box
      component="span"
      role="img"
      aria-label="Nothing from the deck"
      data-testid="quiet-dots"
      sx={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', gap: '0.24em', height: '1em', verticalAlign: 'middle' }}
    >
      {[0, 1, 2].map((i) => (
        <Box key={i} component="span" sx={{ width: '0.2em', height: '0.2em', borderRadius: '50%', bgcolor: 'currentColor' }} />
      ))}
    </Box>
  );
}
