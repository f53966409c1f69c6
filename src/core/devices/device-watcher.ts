/**
 * Keeps a live list of phones: subscribes to the adb server's track-devices and, on each change,
 * re-reads `devices -l` (which adds model and product) and reports the list if it changed.
 */
import type { Phone } from '../../shared/api/devices';
import type { AdbHost } from './adb-host';
import { hostSubscribe, type Subscription } from './adb-host-protocol';
import { describePhone } from './phone-doctor';

export async function readPhones(host: AdbHost): Promise<Phone[]> {
  return (await host.devices()).map((d) => describePhone(d.serial, d.state, d.model, d.product));
}

export class DeviceWatcher {
  private sub: Subscription | null = null;
  private last = '';
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly host: AdbHost,
    private readonly onChange: (phones: Phone[]) => void,
  ) {}

  get running(): boolean {
    return this.sub !== null;
  }

  async start(): Promise<void> {
    if (this.sub) return;
    this.sub = await hostSubscribe(
      this.host.port,
      'host:track-devices',
      () => this.refresh(),
      () => {
        // The server went away (killed, restarted): the next devices call starts watching again.
        this.sub = null;
        this.last = '';
      },
    );
  }

  stop(): void {
    this.sub?.close();
    this.sub = null;
  }

  /** Coalesces bursts of track-devices messages into one `devices -l` read at a time. */
  private refresh(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          const phones = await readPhones(this.host);
          const key = JSON.stringify(phones);
          if (key !== this.last) {
            this.last = key;
            this.onChange(phones);
          }
        } catch {
          // The server is restarting; its next message triggers another read.
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
  }
}
