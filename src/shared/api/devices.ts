/**
 * Devices: finding adb and the phones, sending a deck's export to them, opening the deck's phone
 * page on a phone. Pushes are jobs of kind 'push'; watch `job.progress` for the whole job and
 * `devices.pushProgress` for each phone and file.
 */
import { z } from 'zod';
import type { StudioErrorCode, StudioErrorPayload } from '../errors';
import { LIMITS, id, noRequest, path, request, text, token } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

/** The adb server's word for a phone's state ("device" means ready). */
export type PhoneState =
  'device' | 'unauthorized' | 'offline' | 'no permissions' | 'authorizing' | 'connecting' | 'bootloader' | 'recovery' | 'sideload' | 'unknown';

/** The phone doctor's verdict on a phone that is not ready: plain words and what to do. */
export interface PhoneDiagnosis {
  code: StudioErrorCode;
  /** e.g. "Waiting for you to allow USB debugging on the phone." */
  message: string;
  /** e.g. "Unlock the phone and tap Allow on the USB debugging prompt." */
  fix: string;
}

export interface Phone {
  serial: string;
  /** Marketing model ("Pixel 7") once the phone has introduced itself; null before. */
  model: string | null;
  /** adb's product name, when known. */
  product: string | null;
  state: PhoneState;
  /** True when files can be sent now (state "device"). */
  ready: boolean;
  /** Why it is not ready and how to fix it; null when ready. */
  diagnosis: PhoneDiagnosis | null;
}

/** Where adb was found (or not) and whether its server answers. */
export interface AdbInfo {
  found: boolean;
  path: string | null;
  /**
   * How it was found: 'command line' (`--adb PATH`), 'settings' (chosen with the desktop app's file
   * dialog), else searched for in ANDROID_HOME, ANDROID_SDK_ROOT, then PATH.
   */
  source: 'command line' | 'settings' | 'ANDROID_HOME' | 'ANDROID_SDK_ROOT' | 'PATH' | null;
  /** adb's own protocol version, e.g. 41 for "1.0.41"; null if unknown. */
  clientVersion: number | null;
  /** The running server's version; null when no server answered. */
  serverVersion: number | null;
  serverPort: number;
  /** ADB_MISSING, ADB_VERSION_MISMATCH ... in plain words; null when all is well. */
  problem: StudioErrorPayload | null;
}

export interface DeviceSettings {
  /**
   * The adb program chosen with the desktop app's file dialog; null: look in ANDROID_HOME,
   * ANDROID_SDK_ROOT, then PATH. Read-only here: the studio runs this program, so only the
   * computer's own side may choose it (the dialog in Electron's main process, or `--adb PATH`).
   */
  adbPath: string | null;
  /** The phone app that shows the decks. */
  appPackage: string;
  /** Folder on the phone; "{package}" and "{deck}" are filled in. */
  destinationTemplate: string;
  /** Broadcast action that tells the app to reload its decks. */
  reloadAction: string;
}

/**
 * What the desktop app's "Choose adb program…" answers the page (Electron IPC, not the contract: the
 * page asks for the dialog and never names a path). `cancelled` when the teacher closed the dialog.
 */
export type AdbChoice = { kind: 'chosen'; adb: AdbInfo } | { kind: 'refused'; error: StudioErrorPayload } | { kind: 'cancelled' };

/** What a page may change: everything but the adb program. */
export type DeviceSettingsPatch = Partial<Omit<DeviceSettings, 'adbPath'>>;

export type PushPhase = 'preparing' | 'sending' | 'verifying' | 'placing' | 'done' | 'failed';

/** Progress of one phone within a push job. */
export interface PushPhoneProgress {
  jobId: string;
  serial: string;
  model: string | null;
  phase: PushPhase;
  /** The file being sent (path relative to the export), null between files. */
  file: string | null;
  fileIndex: number;
  fileCount: number;
  bytesDone: number;
  bytesTotal: number;
  error?: StudioErrorPayload;
}

export interface PhonePushOutcome {
  serial: string;
  model: string | null;
  ok: boolean;
  destination: string;
  files: number;
  bytes: number;
  /** "sha256" or "md5": how the phone checked the files. */
  verifiedWith: 'sha256' | 'md5' | null;
  error?: StudioErrorPayload;
}

/** Result of a 'push' job. The job fails only when every phone failed. */
export interface PushResult {
  deckId: number | null;
  deckName: string;
  exportDir: string;
  phones: PhonePushOutcome[];
}

export interface PushHistoryEntry {
  id: number;
  deckId: number | null;
  deckName: string;
  serial: string;
  model: string | null;
  destination: string;
  exportDir: string;
  files: number;
  bytes: number;
  ok: boolean;
  errorCode: StudioErrorCode | null;
  errorMessage: string | null;
  startedAt: string;
  finishedAt: string;
}

/** The files a push would send, before sending: the deck's latest export on disk. */
export interface PushPreview {
  deckName: string;
  exportDir: string;
  /** When that export was made (ISO time). */
  exportedAt: string;
  /** Paths relative to the export ("tfjs/model.json") with their sizes, as they will be sent. */
  files: { name: string; bytes: number }[];
  totalBytes: number;
  /** The deck's folder on each phone. */
  destination: string;
}

/** The two ways a phone's browser opens a deck's page, in the words the Phones tab shows. */
export interface PhoneLinks {
  /** Over USB: the address a plugged-in phone opens after `adb reverse` ("Open on this phone"). */
  usbUrl: string;
  /** Phones on the same network; only when the teacher turned it on. */
  network: {
    enabled: boolean;
    /** One per network address of this computer, the key inside; empty when off or offline. */
    urls: string[];
    /** QR code (SVG) of the first url; null when off or offline. */
    qrSvg: string | null;
  };
}

export interface DevicesApi {
  /** The phones adb sees now, each with its state and (when not ready) the doctor's advice. */
  listDevices: { req: void; res: Phone[] };
  getAdbInfo: { req: void; res: AdbInfo };
  getDeviceSettings: { req: void; res: DeviceSettings };
  /** Changes the phone app's settings; a request naming `adbPath` is refused. */
  updateDeviceSettings: { req: DeviceSettingsPatch; res: DeviceSettings };
  /**
   * Sends the deck's export (its latest, or `exportDir`) to the chosen phones, or to every ready
   * phone when `serials` is absent. Returns at once; the job's result is a PushResult.
   */
  startPush: { req: { deckId: number; exportDir?: string; serials?: string[] }; res: { jobId: string } };
  listPushHistory: { req: { deckId?: number; limit?: number }; res: PushHistoryEntry[] };
  /**
   * Opens the deck's phone page on a phone: `adb reverse tcp:<port> tcp:<port>`, then a VIEW intent
   * for http://localhost:<port>/phone/<deckId>. `port` is where the studio serves that page (it
   * starts serving there if needed); default MAGRITTE_PHONE_PORT, else 8427.
   */
  openOnPhone: { req: { deckId: number; serial?: string; port?: number }; res: { serial: string; url: string } };
  /** How a phone's browser can open the deck's page now (USB address; network links and QR code when allowed). */
  getPhoneLinks: { req: { deckId: number }; res: PhoneLinks };
  /**
   * Lets phones on the same network open the phone page (the server then listens on every
   * address and asks for the key in the link), or only phones plugged into this computer.
   */
  setPhoneNetworkAccess: { req: { deckId: number; enabled: boolean }; res: PhoneLinks };
  /** What "Send to phones" would send now (the deck's latest export) and where; null if never exported. */
  previewPush: { req: { deckId: number }; res: PushPreview | null };
}

/** The validator of each request: shape and size (see ../validation/fields.ts). */
export const devicesMethods = requestSchemas<DevicesApi>()({
  listDevices: noRequest(),
  getAdbInfo: noRequest(),
  getDeviceSettings: noRequest(),
  updateDeviceSettings: request({
    appPackage: text().optional(),
    destinationTemplate: z.string().max(LIMITS.path).optional(),
    reloadAction: text().optional(),
  }),
  startPush: request({ deckId: id(), exportDir: path().optional(), serials: z.array(token()).max(LIMITS.fewItems).optional() }),
  listPushHistory: request({ deckId: id().optional(), limit: z.int().min(1).max(10_000).optional() }),
  openOnPhone: request({ deckId: id(), serial: token().optional(), port: z.int().min(1).max(65_535).optional() }),
  previewPush: request({ deckId: id() }),
  getPhoneLinks: request({ deckId: id() }),
  setPhoneNetworkAccess: request({ deckId: id(), enabled: z.boolean() }),
});

export interface DevicesEvents {
  /** The list of phones changed (plugged, unplugged, authorised...): the whole new list. */
  'devices.changed': { devices: Phone[] };
  /** One phone's progress within a push job. */
  'devices.pushProgress': PushPhoneProgress;
}
