import type { EventEmitter } from 'node:events';

/** Resolves when `emitter` emits `event` with a value accepted by `accept`; rejects after `timeoutMs`. */
export function waitForEvent<T>(
  emitter: EventEmitter,
  event: string,
  accept: (value: T) => boolean = () => true,
  timeoutMs = 15_000,
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
