import Badge from '@mui/material/Badge';
import type { Deck } from '../../../shared/domain';
import { useDoctor } from './use-doctor';

/**
 * The count of things the doctor found, on the deck's Doctor tab; grey with a "!" once the deck
 * changed since the last check (the core checks by itself after an import and before a training).
 */
export function DoctorBadge({ deck, label }: { deck: Deck; label: string }) {
  const doctor = useDoctor(deck.id);
  // The same findings the panel lists: one just fixed leaves both at once, stale report or not.
  const count = doctor.findings.length;
  const stale = doctor.report?.stale === true && doctor.job === null;
  const said = [count > 0 ? `${count} things to look at` : '', stale ? 'changed since the last check' : ''].filter((x) => x !== '').join(', ');
  return (
    <Badge
      badgeContent={stale ? `${count}!` : count}
      color={stale ? 'default' : 'warning'}
      max={99}
      invisible={count === 0 && !stale}
      data-testid="doctor-badge"
      data-count={count}
      data-stale={stale}
      aria-label={said ? `${label}: ${said}` : label}
      sx={{
        '& .MuiBadge-badge': { right: -12, top: 2 },
        ...(stale ? { '& .MuiBadge-badge': { right: -12, top: 2, bgcolor: 'action.selected' } } : {}),
      }}
    >
      {label}
    </Badge>
  );
}
