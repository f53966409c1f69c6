import type { DevicesApi, PushResult } from '../../shared/api/devices';
import type { Handlers } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { DeviceService } from '../devices/device-service';
import { findLatestExportDir } from '../devices/latest-export';
import { listPushHistory, recordPush } from '../devices/push-history';
import { buildPushPlan } from '../devices/push-plan';
import { getDeck } from '../store/decks-repo';
import { listExports } from '../export/export-history';
import { phonePort } from '../phone-page/phone-port';
import { PhoneServer } from '../phone-page/phone-server';
import { phoneLinks } from '../phone-page/phone-links';

export function createDevicesHandlers(ctx: CoreContext, service?: DeviceService): Pick<Handlers, keyof DevicesApi> {
  const devices = service ?? new DeviceService({ dataDir: ctx.options.dataDir, events: ctx.events, adbPath: ctx.options.adbPath });
  // Serves the phone page; started by the first "Open on phone".
  const phonePage = new PhoneServer(ctx);
  ctx.onClose(() => phonePage.close());
  ctx.onClose(() => devices.dispose());

  return {
    listDevices: async () => devices.listDevices(),
    getAdbInfo: async () => devices.adbInfo(),
    getDeviceSettings: async () => devices.getSettings(),
    updateDeviceSettings: async (patch) => devices.updateSettings(patch),

    startPush: async ({ deckId, exportDir, serials }) => {
      const store = ctx.session.require();
      const deck = getDeck(store.db, deckId);
      const dir = exportDir ?? findLatestExportDir(store.db, deckId, deck.name);
      const plan = await buildPushPlan(dir, deck.name, devices.getSettings());
      const { jobId } = ctx.jobs.start('push', async (job) => {
        const startedAt = new Date().toISOString();
        job.progress(0, plan.totalBytes, 'Looking for phones');
        const targets = await devices.pushTargets(serials);
        const phones = await devices.push(plan, targets, job);
        const result: PushResult = { deckId, deckName: deck.name, exportDir: plan.exportDir, phones };
        // The project may have been closed meanwhile; the phones still got their files.
        const open = ctx.session.current();
        if (open && open.dir === store.dir) recordPush(open.db, result, startedAt);
        const failed = phones.filter((p) => !p.ok);
        if (failed.length === phones.length && failed[0]?.error) {
          const e = failed[0].error;
          throw new StudioError(e.code, e.message, e.fix, { result });
        }
        return result;
      });
      return { jobId };
    },

    listPushHistory: async ({ deckId, limit }) => listPushHistory(ctx.session.require().db, deckId, limit),

    openOnPhone: async ({ deckId, serial, port }) => {
      getDeck(ctx.session.require().db, deckId);
      const served = await phonePage.ensure(port ?? phonePort());
      return devices.openOnPhone(deckId, served, serial);
    },

    getPhoneLinks: async ({ deckId }) => {
      getDeck(ctx.session.require().db, deckId);
      return phoneLinks(deckId, phonePage.port ?? phonePort(), phonePage.network);
    },

    setPhoneNetworkAccess: async ({ deckId, enabled }) => {
      getDeck(ctx.session.require().db, deckId);
      if (typeof enabled !== 'boolean')
        throw new StudioError('INVALID_ARGUMENT', 'Say whether phones on the network may open the deck.', 'Turn the switch on or off.');
      const port = await phonePage.setNetwork(enabled, phonePage.port ?? phonePort());
      return phoneLinks(deckId, port, phonePage.network);
    },

    previewPush: async ({ deckId }) => {
      const store = ctx.session.require();
      const deck = getDeck(store.db, deckId);
      const latest = listExports(store.db, deckId).find((e) => e.exists);
      if (!latest) return null;
      const plan = await buildPushPlan(latest.folder, deck.name, devices.getSettings());
      return {
        deckName: deck.name,
        exportDir: plan.exportDir,
        exportedAt: latest.createdAt,
        files: plan.files.map((f) => ({ name: f.rel, bytes: f.size })),
        totalBytes: plan.totalBytes,
        destination: plan.destination,
      };
    },
  };
}
