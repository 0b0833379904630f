import { useSyncExternalStore } from 'react';
import type { ConnectionSource, ConnectionState } from '../bridge/connection.ts';

export function useConnectionState(source: ConnectionSource): ConnectionState {
  return useSyncExternalStore(source.subscribe, source.get);
}
