import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../shared/events';

type AnyListener = (name: EventName, payload: unknown) => void;

/** A typed wrapper over EventEmitter: the core's one outlet for events. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly anyListeners = new Set<AnyListener>();

  constructor() {
    // Each window, socket or test subscribes; several at once are normal.
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit(name, payload);
    for (const listener of this.anyListeners) listener(name, payload);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(name, listener as (p: unknown) => void);
    return () => this.emitter.off(name, listener as (p: unknown) => void);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}
