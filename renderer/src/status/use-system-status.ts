import { useCallback, useEffect, useReducer } from 'react';
import type { ApiClient, DevicesSnapshot, SystemStatus } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { ConnectionState } from '../bridge/connection.ts';

export interface StatusView {
  /** The last status known, kept on screen while a refresh fails or the link is down. */
  readonly status: SystemStatus | undefined;
  /** Why the latest refresh failed; cleared by the next success. */
  readonly error: ApiError | undefined;
  /** What the latest change was, and a counter that moves on every change. */
  readonly lastChange: 'status' | 'devices' | 'failed' | undefined;
  readonly revision: number;
}

type Action =
  | { type: 'status'; status: SystemStatus }
  | { type: 'devices'; devices: DevicesSnapshot }
  | { type: 'failed'; error: ApiError };

const INITIAL: StatusView = { status: undefined, error: undefined, lastChange: undefined, revision: 0 };

/**
 * Answers and events arrive in the order the services sent them, so applying
 * each as it comes leaves the screen showing the newest state.
 */
function reduce(view: StatusView, action: Action): StatusView {
  const revision = view.revision + 1;
  switch (action.type) {
    case 'status':
      return { status: action.status, error: undefined, lastChange: 'status', revision };
    case 'devices':
      if (!view.status) return view;
      return { ...view, status: { ...view.status, devices: action.devices }, lastChange: 'devices', revision };
    case 'failed':
      return { ...view, error: action.error, lastChange: 'failed', revision };
  }
}

/** system.status, fetched on every (re)connection and after every devices.changed. */
export function useSystemStatus(client: ApiClient, connection: ConnectionState): StatusView {
  const [view, dispatch] = useReducer(reduce, INITIAL);

  const refresh = useCallback(async () => {
    const result = await client.call('system.status', {});
    dispatch(result.ok ? { type: 'status', status: result.value } : { type: 'failed', error: result.error });
  }, [client]);

  useEffect(() => {
    if (connection === 'connected') void refresh();
  }, [connection, refresh]);

  useEffect(
    () =>
      client.on('devices.changed', (devices) => {
        dispatch({ type: 'devices', devices });
        void refresh();
      }),
    [client, refresh],
  );

  return view;
}
