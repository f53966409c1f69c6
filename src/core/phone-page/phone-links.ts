import QRCode from 'qrcode';
import type { PhoneLinks } from '../../shared/api/devices';
import { phonePageUrl } from '../devices/open-on-phone';
import { KEY_PARAM, lanAddresses } from './network-access';

/** The USB address of a deck's phone page and, when network access is on, its links and QR code. */
export async function phoneLinks(deckId: number, port: number, networkKey: string | null): Promise<PhoneLinks> {
  const urls = networkKey === null ? [] : lanAddresses().map((ip) => `http://${ip}:${port}/phone/${deckId}?${KEY_PARAM}=${networkKey}`);
  const qrSvg = urls.length > 0 ? await QRCode.toString(urls[0], { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null;
  return { usbUrl: phonePageUrl(port, deckId), network: { enabled: networkKey !== null, urls, qrSvg } };
}
