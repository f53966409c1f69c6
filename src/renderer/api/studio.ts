import type { StudioClient } from '../../shared/api';
import { getBridge } from './bridge';
import { createClient, EventHub } from './client';
import { createIpcTransport } from './ipc-transport';
import { JobTracker } from './job-tracker';
import type { Transport } from './transport';
import { createWsTransport } from './ws-transport';

/** Everything the UI needs to talk to the core, whichever shell it runs in. */
export interface Studio {
  client: StudioClient;
  events: EventHub;
  jobs: JobTracker;
  transport: Transport;
}

export function createStudio(transport: Transport = pickTransport()): Studio {
  const client = createClient(transport);
  const events = new EventHub(transport);
  const jobs = new JobTracker(events, client);
  return { client, events, jobs, transport };
}

/** Electron's preload provides `window.studio`; without it we are in the browser host. */
export function pickTransport(): Transport {
  const bridge = getBridge();
  return bridge ? createIpcTransport(bridge) : createWsTransport();
}
