import type { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../domain/api.ts';

/**
 * How long a test waits for an event before it fails. Waits end on the event,
 * so the ceiling costs nothing when things work; it is generous because a busy
 * two-core machine runs everything several times slower.
 */
export const EVENT_WAIT_CEILING_MS = 60_000;

/** Resolves when `emitter` emits `event` with a value accepted by `accept`; rejects after `timeoutMs`. */
export function waitForEvent<T>(
  emitter: EventEmitter,
  event: string,
  accept: (value: T) => boolean = () => true,
  timeoutMs = EVENT_WAIT_CEILING_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, onEvent);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${event}`));
    }, timeoutMs);
    function onEvent(value: T) {
      if (!accept(value)) return;
      clearTimeout(timer);
      emitter.off(event, onEvent);
      resolve(value);
    }
    emitter.on(event, onEvent);
  });
}

/** The app's event bus as tests see it. */
interface AppEvents {
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

/** The next API event `name` that `accept` takes; rejects after `timeoutMs`. */
export function nextAppEvent<E extends EventName>(
  events: AppEvents,
  name: E,
  accept: (payload: EventPayload<E>) => boolean = () => true,
  timeoutMs = EVENT_WAIT_CEILING_MS,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${name}`));
    }, timeoutMs);
    const unsubscribe = events.subscribe((event, payload) => {
      if (event !== name || !accept(payload as EventPayload<E>)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload as EventPayload<E>);
    });
  });
}
