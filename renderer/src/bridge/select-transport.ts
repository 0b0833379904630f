import { createApiClient, type ApiClient } from '../../../domain/api.ts';
import { BRIDGE_PATH } from '../../../domain/bridge.ts';
import { createConnectionSource, type BridgeTransport, type ConnectionSource } from './connection.ts';
import { takeLaunchToken } from './launch-token.ts';
import { createPreloadTransport } from './preload-transport.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

export interface Bridge {
  readonly client: ApiClient;
  readonly connection: ConnectionSource;
}

/** Electron's preload when present; otherwise the browser-mode WebSocket back to the page's own server. */
export function connectBridge(): Bridge {
  const transport = window.tiepdon ? createPreloadTransport(window.tiepdon) : createBrowserTransport();
  return { client: createApiClient(transport), connection: transport.connection };
}

function createBrowserTransport(): BridgeTransport {
  const token = takeLaunchToken(window.location, window.history, sessionStorageOrUndefined());
  if (!token) return unconnectable();
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketTransport({
    url: `${scheme}//${window.location.host}${BRIDGE_PATH}`,
    token,
    createSocket: (url, protocols) => new WebSocket(url, protocols),
  });
}

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Without its launch token the page cannot reach the services; every call fails as closed. */
function unconnectable(): BridgeTransport {
  return {
    connection: createConnectionSource('no-token'),
    call: () => Promise.reject(new Error('This page was opened without its launch token')),
    on: () => () => {},
    close: () => {},
  };
}
