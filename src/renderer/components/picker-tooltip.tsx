import { useState, type ReactElement, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';

/**
 * A tooltip for a button that opens the system's file picker. It closes on the click: the picker
 * takes the pointer away without a "mouse left" event, and focus comes back to the button when it
 * closes, which would otherwise leave the tooltip stuck over the photos.
 */
export function PickerTooltip({ title, children }: { title: ReactNode; children: ReactElement }) {
  const [open, setOpen] = useState(false);
  return (
    <Tooltip title={title} open={open} onOpen={() => setOpen(true)} onClose={() => setOpen(false)} disableFocusListener>
      <Box component="span" sx={{ display: 'inline-flex' }} onClickCapture={() => setOpen(false)} data-testid="picker-tooltip-anchor">
        {children}
      </Box>
    </Tooltip>
  );
}
