/**
 * Everything the devices handlers and the CLI need, in one place: settings, the adb host (found,
 * started and version-checked on first use), the live phone list, choosing phones, pushing and
 * opening the phone page.
 */
import type { AdbInfo, DeviceSettings, DeviceSettingsPatch, Phone, PhonePushOutcome, PushPhoneProgress } from '../../shared/api/devices';
import { toErrorPayload } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { JobContext } from '../jobs/job-runner';
import { AdbHost, adbServerPort } from './adb-host';
import { locateAdb, type AdbLocation } from './adb-locator';
import { checkAdbProgram } from './adb-program';
import { deviceErrors } from './device-errors';
import { DeviceSettingsStore } from './device-settings';
import { DeviceWatcher, readPhones } from './device-watcher';
import { openOnPhone } from './open-on-phone';
import { stateError } from './phone-doctor';
import type { PhoneTarget } from './phone-push';
import { pushToPhones } from './push-to-phones';
import type { PushPlan } from './push-plan';

export interface DeviceServiceOptions {
  dataDir: string;
  events: EventBus;
  env?: NodeJS.ProcessEnv;
  /** `--adb PATH` given to the CLI or the browser host: wins over the settings and the search. */
  adbPath?: string;
}

const CHOOSE_IN_SETTINGS = 'with "Choose adb program…" in the Phones settings of the desktop app';
const CHOOSE_ON_COMMAND_LINE = 'with --adb PATH when starting the studio';

export class DeviceService {
  readonly settings: DeviceSettingsStore;
  private host: AdbHost | null = null;
  private location: AdbLocation | null = null;
  private watcher: DeviceWatcher | null = null;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: DeviceServiceOptions) {
    this.settings = new DeviceSettingsStore(opts.dataDir);
    this.env = opts.env ?? process.env;
  }

  getSettings(): DeviceSettings {
    return this.settings.get();
  }

  /** A change from a request (a page, the CLI): never the adb program. */
  updateSettings(patch: DeviceSettingsPatch): DeviceSettings {
    return this.settings.update(patch);
  }

  /**
   * The computer's own choice of adb (Electron's file dialog in the main process; never a request):
   * checked to be a real adb, then kept in the settings. null goes back to searching for it.
   */
  async chooseAdb(file: string | null): Promise<AdbInfo> {
    if (file !== null) await checkAdbProgram(file, CHOOSE_IN_SETTINGS);
    this.settings.setAdbPath(file);
    this.resetHost();
    return this.adbInfo();
  }

  /** Where adb is: `--adb`, else the chosen one, each checked and run by its real path; else searched for. */
  private async locate(): Promise<AdbLocation> {
    if (this.opts.adbPath) return { path: (await checkAdbProgram(this.opts.adbPath, CHOOSE_ON_COMMAND_LINE)).path, source: 'command line' };
    const chosen = this.settings.get().adbPath;
    if (chosen) return { path: (await checkAdbProgram(chosen, CHOOSE_IN_SETTINGS)).path, source: 'settings' };
    return locateAdb(this.env);
  }

  /** The adb host, located, with a server of the same version running, and the phone list watched. */
  async ready(): Promise<AdbHost> {
    if (!this.host) {
      const location = await this.locate();
      // Another call may have located it meanwhile; keep the first.
      if (!this.host) {
        this.location = location;
        this.host = new AdbHost(location.path, adbServerPort(this.env));
      }
    }
    const host = this.host;
    await host.ensureServer();
    if (!this.watcher) this.watcher = new DeviceWatcher(host, (devices) => this.opts.events.emit('devices.changed', { devices }));
    if (!this.watcher.running) await this.watcher.start().catch(() => undefined);
    return host;
  }

  async adbInfo(): Promise<AdbInfo> {
    const port = adbServerPort(this.env);
    const info: AdbInfo = { found: false, path: null, source: null, clientVersion: null, serverVersion: null, serverPort: port, problem: null };
    try {
      const host = await this.ready();
      info.found = true;
      info.path = host.bin;
      info.source = this.location?.source ?? null;
      info.clientVersion = await host.clientVersion();
      info.serverVersion = await host.serverVersion();
    } catch (e) {
      info.problem = toErrorPayload(e);
      if (info.problem.code === 'ADB_INVALID') {
        // The chosen program was refused: show which one, so the teacher knows what to change.
        info.path = this.opts.adbPath ?? this.settings.get().adbPath;
        info.source = this.opts.adbPath ? 'command line' : 'settings';
      } else if (this.host) {
        info.found = info.problem.code !== 'ADB_MISSING';
        info.path = this.host.bin;
        info.source = this.location?.source ?? null;
        info.clientVersion = await this.host.clientVersion().catch(() => null);
        info.serverVersion = await this.host.serverVersion().catch(() => null);
      }
    }
    return info;
  }

  async listDevices(): Promise<Phone[]> {
    return readPhones(await this.ready());
  }

  /**
   * The phones a push goes to: the chosen serials (each reported on, even if missing), or every
   * ready phone. No phone at all is DEVICE_NONE; phones that are all unready give the first's diagnosis.
   */
  async pushTargets(serials?: string[]): Promise<PhoneTarget[]> {
    const phones = await this.listDevices();
    if (serials && serials.length > 0) {
      return [...new Set(serials)].map((s) => ({ serial: s, model: phones.find((p) => p.serial === s)?.model ?? null }));
    }
    if (phones.length === 0) throw deviceErrors.none();
    const ready = phones.filter((p) => p.ready);
    if (ready.length === 0) throw stateError(phones[0].serial, phones[0].state, phones[0].model)!;
    return ready.map((p) => ({ serial: p.serial, model: p.model }));
  }

  /** Exactly one phone: the chosen one, or the only one; several and none chosen is DEVICE_AMBIGUOUS. */
  async onePhone(serial?: string): Promise<PhoneTarget> {
    const phones = await this.listDevices();
    if (serial) {
      const p = phones.find((x) => x.serial === serial);
      if (!p) throw deviceErrors.notFound(serial);
      const err = stateError(p.serial, p.state, p.model);
      if (err) throw err;
      return { serial: p.serial, model: p.model };
    }
    if (phones.length === 0) throw deviceErrors.none();
    if (phones.length > 1) throw deviceErrors.ambiguous(phones.map((p) => p.serial));
    const err = stateError(phones[0].serial, phones[0].state, phones[0].model);
    if (err) throw err;
    return { serial: phones[0].serial, model: phones[0].model };
  }

  async push(plan: PushPlan, targets: PhoneTarget[], job: JobContext): Promise<PhonePushOutcome[]> {
    const host = await this.ready();
    return pushToPhones(host, targets, plan, job, (p: PushPhoneProgress) => this.opts.events.emit('devices.pushProgress', p));
  }

  async openOnPhone(deckId: number, port: number, serial?: string): Promise<{ serial: string; url: string }> {
    const host = await this.ready();
    const target = await this.onePhone(serial);
    return openOnPhone(host, target.serial, deckId, port);
  }

  dispose(): void {
    this.resetHost();
  }

  private resetHost(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.host = null;
    this.location = null;
  }
}
