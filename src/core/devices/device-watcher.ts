/**
 * Keeps a live list of phones: subscribes to the adb server's track-devices and, on each change,
 * re-reads `devices -l` (which adds model and product) and reports the list if it changed.
 */
import type { Phone } from '../../shared/api/devices';
import type { AdbHost } from './adb-host';
import { hostSubscribe, type Subscription } from './adb-host-protocol';
import { describePhone } from './phone-doctor';

const SETTLE_MS = 400;

export async function readPhones(host: AdbHost): Promise<Phone[]> {
  return (await host.devices()).map((d) => describePhone(d.serial, d.state, d.model, d.product));
}

export class DeviceWatcher {
  private sub: Subscription | null = null;
  private last = '';
  private refreshing: Promise<void> | null = null;
  private again = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;

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
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.sub?.close();
    this.sub = null;
  }

  /**
   * adb's track-devices prints "offline" for a phone that is authorizing and again once it is
   * unauthorized, so it never announces that change: while a phone is between states, look again
   * shortly (otherwise the screen says "connecting" while the phone waits for Allow).
   */
  private settleLater(phones: Phone[]): void {
    if (this.settleTimer || !phones.some((p) => p.state === 'authorizing' || p.state === 'connecting')) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.sub) this.refresh();
    }, SETTLE_MS);
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
          this.settleLater(phones);
        } catch {
          // The server is restarting; its next message triggers another read.
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
  }
}
