import type { ApiTransport } from '../../../domain/api.ts';

/**
 * How the screen is linked to the services.
 * - connecting: the first attempt is under way
 * - connected: calls and events flow
 * - reconnecting: the link dropped (or never came up); retrying with backoff
 * - no-token: browser mode opened without its launch token; it cannot connect
 * - closed: shut down on purpose
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'no-token' | 'closed';

export interface ConnectionSource {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** A transport that also reports whether it is connected. */
export interface BridgeTransport extends ApiTransport {
  readonly connection: ConnectionSource;
  close(): void;
}

/** A tiny observable value, shaped for React's useSyncExternalStore. */
export function createConnectionSource(initial: ConnectionState): ConnectionSource & { set(state: ConnectionState): void } {
  let current = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(state) {
      if (state === current) return;
      current = state;
      for (const listener of [...listeners]) listener(state);
    },
  };
}
