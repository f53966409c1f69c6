/** Every way talking to a phone can fail, in words a teacher understands, each with its fix. */
import { StudioError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';

const name = (serial: string, model: string | null | undefined): string => (model ? `The phone "${model}"` : `The phone ${serial}`);

export const deviceErrors = {
  adbMissing: (looked: string[]) =>
    new StudioError(
      'ADB_MISSING',
      'The studio cannot find adb, the program that talks to Android phones.',
      'Install Android platform-tools (on Debian or Ubuntu: "sudo apt install adb"; elsewhere download platform-tools from developer.android.com), or choose the adb program: "Choose adb program…" in the Phones settings of the desktop app, or --adb PATH when starting the studio.',
      { looked },
    ),
  adbBroken: (bin: string, detail: string) =>
    new StudioError(
      'ADB_MISSING',
      `The adb program at ${bin} does not run (${detail}).`,
      'Reinstall Android platform-tools, or choose another adb program (Phones settings of the desktop app, or --adb PATH).',
    ),
  adbVersionMismatch: (client: number, server: number) =>
    new StudioError(
      'ADB_VERSION_MISMATCH',
      `Another program runs a different adb (version ${server}) than the studio's (version ${client}); they keep restarting each other and phones drop out.`,
      'Close Android Studio, Unity or other phone tools, or choose the same adb program as they use (Phones settings of the desktop app, or --adb PATH), then try again.',
      { client, server },
    ),
  adbServerDown: (port: number, detail: string) =>
    new StudioError(
      'ADB_MISSING',
      `The adb server on port ${port} could not be started (${detail}).`,
      'Restart the computer or run "adb kill-server" in a terminal, then try again.',
    ),
  none: () =>
    new StudioError(
      'DEVICE_NONE',
      'No phone is connected.',
      'Plug the phone in with a USB cable, unlock it, and turn on USB debugging (Settings > Developer options).',
    ),
  ambiguous: (serials: string[]) =>
    new StudioError(
      'DEVICE_AMBIGUOUS',
      `${serials.length} phones are connected and none was chosen.`,
      `Choose one with --device SERIAL (connected: ${serials.join(', ')}).`,
      { serials },
    ),
  notFound: (serial: string) =>
    new StudioError(
      'DEVICE_NOT_FOUND',
      `The phone ${serial} is not connected.`,
      'Check the cable, unlock the phone, and refresh the list of phones.',
    ),
  unauthorized: (serial: string, model?: string | null) =>
    new StudioError(
      'DEVICE_UNAUTHORIZED',
      `${name(serial, model)} has not allowed this computer yet.`,
      'Unlock the phone and tap Allow on the USB debugging prompt (tick "Always allow from this computer"). No prompt? Unplug and plug the cable back in.',
    ),
  offline: (serial: string, model?: string | null) =>
    new StudioError(
      'DEVICE_OFFLINE',
      `${name(serial, model)} is connected but not answering.`,
      'Unplug the cable and plug it back in; if that does not help, restart the phone.',
    ),
  noPermissions: (serial: string) =>
    new StudioError(
      'DEVICE_NO_PERMISSIONS',
      `This computer does not let the studio use the phone ${serial}.`,
      'On Linux, add udev rules for Android phones (on Debian or Ubuntu: "sudo apt install android-sdk-platform-tools-common"), add yourself to the plugdev group, then unplug and replug the phone.',
    ),
  notReady: (serial: string, state: string) =>
    new StudioError(
      'DEVICE_OFFLINE',
      `The phone ${serial} is not ready (it says "${state}").`,
      'Let the phone start up normally, unlock it, then try again.',
    ),
  storageFull: (serial: string, model: string | null | undefined, neededBytes: number, freeBytes: number | null) =>
    new StudioError(
      'DEVICE_STORAGE_FULL',
      `${name(serial, model)} is out of storage space${freeBytes !== null ? ` (needs ${formatBytes(neededBytes)}, has ${formatBytes(freeBytes)} free)` : ''}.`,
      'Free some space on the phone (delete old videos or apps), then send again.',
      { neededBytes, freeBytes },
    ),
  disconnected: (serial: string, model?: string | null) =>
    new StudioError(
      'DEVICE_DISCONNECTED',
      `${name(serial, model)} was unplugged or stopped answering while files were being sent. The deck already on the phone was left as it was.`,
      'Plug the phone back in, keep it unlocked, and send again.',
    ),
  hashMismatch: (serial: string, model: string | null | undefined, file: string) =>
    new StudioError(
      'DEVICE_HASH_MISMATCH',
      `${name(serial, model)} received a damaged copy of ${file}, twice. The damaged file was removed.`,
      'Try another USB cable or port, then send again.',
      { file },
    ),
  commandFailed: (serial: string, what: string, output: string) =>
    new StudioError(
      'INTERNAL',
      `The phone ${serial} could not ${what}: ${output.trim().slice(0, 300)}`,
      'Check the destination folder in Settings, then try again.',
    ),
};
