import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ListSubheader from '@mui/material/ListSubheader';
import { classTitle } from '../../../shared/background';
import type { DeckClass } from '../../../shared/domain';

interface Props {
  anchor: HTMLElement | null;
  classes: DeckClass[];
  /** Classes the moved photos already all belong to are left out. */
  exclude: ReadonlySet<number>;
  onClose(): void;
  onMove(cls: DeckClass): void;
}

/** "Move to…": the other words of the deck. */
export function MoveMenu({ anchor, classes, exclude, onClose, onMove }: Props) {
  const targets = classes.filter((c) => !exclude.has(c.id));
  return (
    <Menu anchorEl={anchor} open={anchor !== null} onClose={onClose}>
      <ListSubheader sx={{ lineHeight: '32px' }}>Move to</ListSubheader>
      {targets.map((c) => (
        <MenuItem
          key={c.id}
          data-testid="move-target"
          onClick={() => {
            onClose();
            onMove(c);
          }}
        >
          {classTitle(c)}
        </MenuItem>
      ))}
      {targets.length === 0 ? <MenuItem disabled>Add another word first</MenuItem> : null}
    </Menu>
  );
}
