import { createConnectionSource, type BridgeTransport } from './connection.ts';

/** What the Electron preload exposes: the API contract's two verbs, nothing else. */
export interface PreloadBridge {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** In Electron the preload's IPC link lives as long as the window: it is always connected. */
export function createPreloadTransport(bridge: PreloadBridge): BridgeTransport {
  const connection = createConnectionSource('connected');
  return {
    connection,
    call: (method, input) => bridge.call(method, input),
    on: (event, listener) => bridge.on(event, listener),
    close: () => connection.set('closed'),
  };
}
