import TabScrollButton, { type TabScrollButtonProps } from '@mui/material/TabScrollButton';

/**
 * The arrows at the ends of the deck's screens when they do not all fit (a narrow window): named,
 * so a pointer shows what they do and assistive technology can say it. MUI draws them as unnamed,
 * unlabelled divs; a greyed-out arrow says there is nothing more that way.
 */
export function ScreenScrollButton(props: TabScrollButtonProps) {
  const label = props.direction === 'left' ? 'Earlier deck screens' : 'More deck screens';
  return <TabScrollButton {...props} role="button" aria-label={label} aria-disabled={props.disabled} title={label} />;
}
