import type { Phone, PhoneState } from '../../../shared/api/devices';

export type StateTone = 'success' | 'warning' | 'error' | 'default';

/** A phone's state as a short label on its card; the doctor's message and fix go underneath. */
export function stateLabel(state: PhoneState): { label: string; tone: StateTone } {
  switch (state) {
    case 'device':
      return { label: 'Ready', tone: 'success' };
    case 'unauthorized':
      return { label: 'Waiting for you to tap Allow', tone: 'warning' };
    case 'authorizing':
    case 'connecting':
      return { label: 'Connecting…', tone: 'default' };
    case 'offline':
      return { label: 'Not answering', tone: 'error' };
    case 'no permissions':
      return { label: 'Not allowed by this computer', tone: 'error' };
    case 'bootloader':
    case 'recovery':
    case 'sideload':
      return { label: 'Started in a repair mode', tone: 'error' };
    default:
      return { label: 'Not ready', tone: 'error' };
  }
}

/** "Pixel 7", or a generic name while the phone has not said what it is. */
export function phoneName(phone: Pick<Phone, 'model' | 'serial'>): string {
  return phone.model ?? 'Android phone';
}

/** Ready phones first, then by name, so the list does not jump around as states change. */
export function sortPhones(phones: Phone[]): Phone[] {
  return [...phones].sort(
    (a, b) => Number(b.ready) - Number(a.ready) || phoneName(a).localeCompare(phoneName(b)) || a.serial.localeCompare(b.serial),
  );
}
