/**
 * What the renderer gets as `window.tiepdon`: a call function and named events,
 * nothing raw. Kept free of `electron` imports so it can be tested in plain Node.
 */
import { isEventName, type ApiTransport } from '../../domain/api.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type TiepdonBridge = Readonly<ApiTransport>;

type Listener = (payload: unknown) => void;

export function createBridge(ipc: IpcRendererPort, reportListenerError: (error: unknown) => void = console.error): TiepdonBridge {
  const listeners = new Map<string, Set<Listener>>();

  // The IPC event object carries the sender and ports: it never reaches the page.
  const onEvent = (_event: unknown, name: unknown, payload: unknown): void => {
    if (typeof name !== 'string') return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };

  const subscriberCount = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);

  return Object.freeze({
    call(method: string, input: unknown): Promise<unknown> {
      return ipc.invoke(CALL_CHANNEL, method, input);
    },
    on(event: string, listener: Listener): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
      if (subscriberCount() === 0) ipc.on(EVENT_CHANNEL, onEvent);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped so subscribing the same function twice gives two independent subscriptions.
      const entry: Listener = (payload) => listener(payload);
      set.add(entry);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        set.delete(entry);
        if (subscriberCount() === 0) ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  });
}
