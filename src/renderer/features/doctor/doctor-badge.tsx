import Badge from '@mui/material/Badge';
import type { Deck } from '../../../shared/domain';
import { useDoctor } from './use-doctor';
import { useDoctorAutorun } from './use-doctor-autorun';

/**
 * The count of things the doctor found, on the deck's Doctor tab. Mounted as long as the deck is
 * open, so it also runs the doctor by itself after changes.
 */
export function DoctorBadge({ deck, label }: { deck: Deck; label: string }) {
  const doctor = useDoctor(deck.id);
  useDoctorAutorun(deck.id, doctor);
  const count = doctor.report?.findings.length ?? 0;
  return (
    <Badge
      badgeContent={count}
      color="warning"
      max={99}
      data-testid="doctor-badge"
      data-count={count}
      aria-label={count > 0 ? `${label}: ${count} things to look at` : label}
      sx={{ '& .MuiBadge-badge': { right: -12, top: 2 } }}
    >
      {label}
    </Badge>
  );
}
