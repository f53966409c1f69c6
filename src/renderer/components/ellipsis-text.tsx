import { useState } from 'react';
import Tooltip from '@mui/material/Tooltip';
import Typography, { type TypographyProps } from '@mui/material/Typography';

type Props = Omit<TypographyProps, 'children' | 'noWrap'> & {
  /** The whole text: shown on one line, cut with "…" where it does not fit, and then in full on hover. */
  text: string;
};

/**
 * One line of text that may be cut short on a narrow window but is never lost: pointing at it (or
 * focusing it) shows the whole text when, and only when, some of it is hidden. A tooltip over text
 * that is already whole would only repeat it.
 */
export function EllipsisText({ text, onMouseEnter, onFocus, ...props }: Props) {
  const [cut, setCut] = useState(false);
  // Measured as the pointer arrives, before the tooltip's short delay opens it: the window may
  // have been resized since the last look.
  const measure = (el: HTMLElement) => setCut(el.scrollWidth > el.clientWidth);
  return (
    <Tooltip title={cut ? text : ''} describeChild>
      <Typography
        {...props}
        noWrap
        onMouseEnter={(e) => {
          measure(e.currentTarget);
          onMouseEnter?.(e);
        }}
        onFocus={(e) => {
          measure(e.currentTarget);
          onFocus?.(e);
        }}
      >
        {text}
      </Typography>
    </Tooltip>
  );
}
