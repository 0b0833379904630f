import { useBridge } from '../app/bridge-context.ts';
import { useConnectionState } from './use-connection-state.ts';

/**
 * Whether the bridge to the services is up. A component that loads data when it
 * appears waits for this (a call made before the bridge opens is refused) and
 * loads again after a reconnection, when events may have been missed.
 */
export function useConnected(): boolean {
  const { connection } = useBridge();
  return useConnectionState(connection) === 'connected';
}
