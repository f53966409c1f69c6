/**
 * Opens the deck's phone page on a phone without installing anything: `adb reverse` makes the
 * phone's localhost:<port> reach the studio's port, then a VIEW intent opens the browser there.
 * On the phone, http://localhost is a secure context, so the page may use the camera.
 */
import { StudioError } from '../../shared/errors';
import type { AdbHost } from './adb-host';
import { runOnPhone, shQuote } from './phone-shell';

export function phonePageUrl(port: number, deckId: number): string {
  return `http://localhost:${port}/phone/${deckId}`;
}

export async function openOnPhone(host: AdbHost, serial: string, deckId: number, port: number): Promise<{ serial: string; url: string }> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new StudioError('INVALID_ARGUMENT', `Port ${port} is not a TCP port.`, "Start the studio's phone page server, then try again.");
  }
  const device = host.client.getDevice(serial);
  try {
    await device.reverse(`tcp:${port}`, `tcp:${port}`);
  } catch (e) {
    throw new StudioError(
      'INTERNAL',
      `The phone ${serial} refused to reach the studio (adb reverse failed: ${(e as Error).message}).`,
      'Phones older than Android 5 cannot do this. Unplug and replug the phone, then try again.',
    );
  }
  const url = phonePageUrl(port, deckId);
  const r = await runOnPhone(host, serial, `am start -a android.intent.action.VIEW -d ${shQuote(url)}`);
  if (r.status !== 0 || /^Error:/m.test(r.output)) {
    throw new StudioError(
      'INTERNAL',
      `The phone ${serial} could not open its browser: ${r.output.trim().slice(0, 200)}`,
      'Make sure a web browser (such as Chrome) is installed and enabled on the phone.',
    );
  }
  return { serial, url };
}
