import type { AppInfo, MethodName, Req, Res } from '../../src/shared/api';
import type { AdbInfo } from '../../src/shared/api/devices';
import type { ProjectInfo } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/envelope';
import { StudioError, type StudioErrorPayload } from '../../src/shared/errors';
import { isCoreToHost, type HostToCore } from './core-messages';

/** The core's process as the host sees it; Electron's UtilityProcess in the app, a fake in tests. */
export interface CoreChild {
  postMessage(message: HostToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export type SpawnCore = () => CoreChild;

type Pending = { resolve: (answer: Envelope) => void; callerId: number; name: string };

const CRASH_ERROR: StudioErrorPayload = {
  code: 'INTERNAL',
  message: "The studio's engine stopped unexpectedly while doing this.",
  fix: 'Your photos and words are saved. Try again; if it keeps happening, restart Magritte Studio.',
};

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 3;

/**
 * Main-process side of the core's utilityProcess: forwards call envelopes, routes each answer back
 * to its caller, fans out events, restarts the core if it dies (reopening the project that was open),
 * and keeps track of the open project folder, which the app:// protocol may serve photos from.
 */
export class CoreHost {
  private child: CoreChild | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: Envelope) => void>();
  private readonly projectListeners = new Set<(dir: string | null) => void>();
  private readonly restartListeners = new Set<() => void>();
  private currentProjectDir: string | null = null;
  private restarts: number[] = [];
  private stopping = false;
  private ready: Promise<void> = Promise.resolve();
  private exited: Promise<void> = Promise.resolve();
  /** Resolves when the current child says it listens (or has died trying). */
  private booted: Promise<void> = Promise.resolve();
  private markBooted: () => void = () => {};

  constructor(private readonly spawn: SpawnCore) {}

  /** The open project's folder, as last reported by the core itself (never by the renderer). */
  get projectDir(): string | null {
    return this.currentProjectDir;
  }

  start(): void {
    this.stopping = false;
    const child = this.spawn();
    this.child = child;
    this.booted = new Promise((resolve) => (this.markBooted = resolve));
    let markExited: () => void = () => {};
    this.exited = new Promise((resolve) => (markExited = resolve));
    child.onMessage((message) => {
      if (child === this.child) this.onChildMessage(message);
    });
    child.onExit((code) => {
      markExited();
      if (child !== this.child) return;
      this.markBooted();
      this.onChildExit(code);
    });
  }

  /** Forwards a renderer's call envelope; resolves with the reply/error envelope under the caller's id. */
  async forward(call: Envelope): Promise<Envelope> {
    await this.ready;
    return this.send(call);
  }

  /** A typed call from the main process itself (menus, dialogs). Throws StudioError on failure. */
  async call<M extends MethodName>(name: M, payload: Req<M>): Promise<Res<M>> {
    const answer = await this.forward({ kind: 'call', id: 0, name, payload: payload ?? null });
    if (answer.kind === 'error') throw StudioError.fromPayload(answer.payload as StudioErrorPayload);
    return answer.payload as Res<M>;
  }

  /** The main process's own choice of adb (after its file dialog); throws StudioError when refused. */
  async chooseAdbProgram(file: string | null): Promise<AdbInfo> {
    await this.ready;
    const answer = await this.send({ kind: 'call', id: 0, name: 'chooseAdbProgram', payload: file }, 'local');
    if (answer.kind === 'error') throw StudioError.fromPayload(answer.payload as StudioErrorPayload);
    return answer.payload as AdbInfo;
  }

  onEvent(listener: (event: Envelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onProjectChange(listener: (dir: string | null) => void): () => void {
    this.projectListeners.add(listener);
    return () => this.projectListeners.delete(listener);
  }

  /** Called after the core died and was restarted, so windows can refresh what they show. */
  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Asks the core to close its project and exit; kills it if it does not within `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || this.stopping) return this.exited;
    this.stopping = true;
    child.postMessage({ type: 'shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([this.exited.then(() => 'exited' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') child.kill();
  }

  private async send(call: Envelope, type: 'call' | 'local' = 'call'): Promise<Envelope> {
    const child = this.child;
    const crashed: Envelope = { kind: 'error', id: call.id, name: call.name, payload: CRASH_ERROR };
    if (!child || this.stopping) return crashed;
    // Nothing is posted before the core listens, so no call can be lost at start-up.
    await this.booted;
    if (child !== this.child || this.stopping) return crashed;
    // Renderer ids are only unique per renderer; the host numbers calls itself.
    const id = this.nextId++;
    return new Promise<Envelope>((resolve) => {
      this.pending.set(id, { resolve, callerId: call.id, name: call.name });
      child.postMessage({ type, envelope: { kind: 'call', id, name: call.name, payload: call.payload } });
    });
  }

  private onChildMessage(message: unknown): void {
    if (!isCoreToHost(message)) return;
    if (message.type === 'ready') this.markBooted();
    if (message.type !== 'envelope') return;
    const envelope = message.envelope;
    if (envelope.kind === 'event') {
      for (const listener of this.eventListeners) listener(envelope);
      return;
    }
    const pending = this.pending.get(envelope.id);
    if (!pending) return;
    this.pending.delete(envelope.id);
    this.trackProject(envelope);
    pending.resolve({ ...envelope, id: pending.callerId });
  }

  private trackProject(answer: Envelope): void {
    if (answer.kind === 'reply') {
      if (answer.name === 'createProject' || answer.name === 'openProject') {
        this.setProjectDir((answer.payload as ProjectInfo).dir);
      } else if (answer.name === 'closeProject') {
        this.setProjectDir(null);
      } else if (answer.name === 'getAppInfo') {
        this.setProjectDir((answer.payload as AppInfo).project?.dir ?? null);
      }
    } else if (answer.kind === 'error' && (answer.name === 'openProject' || answer.name === 'createProject')) {
      // A failed open may or may not have closed the previous project: ask the core.
      void this.send({ kind: 'call', id: 0, name: 'getAppInfo', payload: null });
    }
  }

  private setProjectDir(dir: string | null): void {
    if (dir === this.currentProjectDir) return;
    this.currentProjectDir = dir;
    for (const listener of this.projectListeners) listener(dir);
  }

  private onChildExit(code: number): void {
    this.child = null;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.resolve({ kind: 'error', id: pending.callerId, name: pending.name, payload: CRASH_ERROR });
    }
    if (this.stopping) return;
    console.error(`[main] the core process exited (code ${code})`);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    const projectDir = this.currentProjectDir;
    this.setProjectDir(null);
    if (this.restarts.length >= MAX_RESTARTS) {
      console.error('[main] the core keeps stopping; not restarting it again');
      return;
    }
    this.restarts.push(now);
    this.start();
    this.ready = projectDir ? this.reopen(projectDir) : Promise.resolve();
    void this.ready.then(() => {
      for (const listener of this.restartListeners) listener();
    });
  }

  private async reopen(dir: string): Promise<void> {
    const answer = await this.send({ kind: 'call', id: 0, name: 'openProject', payload: { dir } });
    if (answer.kind === 'error') console.error('[main] could not reopen the project after a restart', answer.payload);
  }
}
