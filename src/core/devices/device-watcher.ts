/**
 * Keeps a live list of phones: subscribes to the adb server's track-devices and, on each change,
 * re-reads `devices -l` (which adds model and product) and reports the list if it changed.
 */
import type { Phone } from '../../shared/api/devices';
import type { AdbHost } from './adb-host';
import { hostSubscribe, type Subscription } from './adb-host-protocol';
import { describePhone } from './phone-doctor';

const SETTLE_MS = 300;
const SETTLE_MAX_MS = 5000;
const SETTLING: ReadonlySet<string> = new Set(['offline', 'authorizing', 'connecting']);

export async function readPhones(host: AdbHost): Promise<Phone[]> {
  return (await host.devices()).map((d) => describePhone(d.serial, d.state, d.model, d.product));
}

export class DeviceWatcher {
  private sub: Subscription | null = null;
  private last = '';
  private refreshing: Promise<void> | null = null;
  private again = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private settleDelay = SETTLE_MS;

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
   * adb's track-devices lists a new phone once (as "offline") and stays silent while it goes on to
   * "authorizing" and "unauthorized", so those changes are never announced: while a phone is
   * between states, look again, sooner at first, then less often (a phone may stay offline).
   */
  private settleLater(phones: Phone[], changed: boolean): void {
    if (changed) this.settleDelay = SETTLE_MS;
    if (this.settleTimer || !phones.some((p) => SETTLING.has(p.state))) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.sub) this.refresh();
    }, this.settleDelay);
    this.settleDelay = Math.min(this.settleDelay * 2, SETTLE_MAX_MS);
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
          const changed = key !== this.last;
          if (changed) {
            this.last = key;
            this.onChange(phones);
          }
          this.settleLater(phones, changed);
        } catch {
          // The server is restarting; its next message triggers another read.
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
  }
}
