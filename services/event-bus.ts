/** The API's events, checked against the contract before anyone hears them. */
import { events, type EventName, type EventPayload } from '../domain/api.ts';
import type { Logger } from './log.ts';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  readonly #listeners = new Set<AnyEventListener>();
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      this.#log.error('event outside the contract dropped', { event: name });
      return;
    }
    for (const listener of this.#listeners) {
      try {
        listener(name, parsed.data);
      } catch (error) {
        this.#log.error('event listener failed', { event: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
