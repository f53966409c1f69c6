/**
 * The phone doctor: turns what the adb server says about a phone into plain words and a fix.
 * The same words are used for the list of phones and for the errors a push raises.
 */
import type { Phone, PhoneDiagnosis, PhoneState } from '../../shared/api/devices';
import type { StudioError } from '../../shared/errors';
import { deviceErrors } from './device-errors';

const KNOWN: readonly PhoneState[] = [
  'device',
  'unauthorized',
  'offline',
  'no permissions',
  'authorizing',
  'connecting',
  'bootloader',
  'recovery',
  'sideload',
];

/** adb prints "no permissions (user in plugdev group; are your udev rules wrong?)" and the like. */
export function normaliseState(raw: string): PhoneState {
  const s = raw.trim().toLowerCase();
  if (s.startsWith('no permissions')) return 'no permissions';
  if (s === 'emulator') return 'device';
  return (KNOWN as readonly string[]).includes(s) ? (s as PhoneState) : 'unknown';
}

/** The error a push or open would raise for a phone in this state; null when it is ready. */
export function stateError(serial: string, state: PhoneState, model?: string | null): StudioError | null {
  switch (state) {
    case 'device':
      return null;
    case 'unauthorized':
    case 'authorizing':
      return deviceErrors.unauthorized(serial, model);
    case 'offline':
    case 'connecting':
      return deviceErrors.offline(serial, model);
    case 'no permissions':
      return deviceErrors.noPermissions(serial);
    default:
      return deviceErrors.notReady(serial, state);
  }
}

export function diagnose(serial: string, state: PhoneState, model?: string | null): PhoneDiagnosis | null {
  const e = stateError(serial, state, model);
  return e ? { code: e.code, message: e.message, fix: e.fix } : null;
}

/** Builds the contract's Phone from what adb reports. */
export function describePhone(serial: string, rawState: string, model: string | null, product: string | null): Phone {
  const state = normaliseState(rawState);
  const niceModel = model ? model.replace(/_/g, ' ') : null;
  return { serial, model: niceModel, product, state, ready: state === 'device', diagnosis: diagnose(serial, state, niceModel) };
}
