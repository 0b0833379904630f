import { useEffect, useRef } from 'react';
import type { DevicesSnapshot, SystemStatus } from '../../../domain/api.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import type { StatusView } from '../status/use-system-status.ts';
import { recordTestEvent } from './record-test-event.ts';
import type { TestEventDetail } from './test-event-names.ts';

/**
 * Announces, after each commit, what the screen now shows. `app-ready` waits
 * for the status and for the screen that takes input (the desk, or the sign-in).
 */
export function useTestEvents(view: StatusView, connection: ConnectionState, language: string | undefined, screenShown: boolean): void {
  const ready = useRef(false);
  const shownLanguage = useRef(language);

  useEffect(() => {
    const { status, lastChange } = view;
    if (!status || (lastChange !== 'status' && lastChange !== 'devices')) return;
    if (lastChange === 'status') recordTestEvent('status-loaded', statusDetail(status));
    else recordTestEvent('devices-changed', devicesDetail(status.devices));
  }, [view]);

  useEffect(() => {
    if (ready.current || !view.status || !screenShown) return;
    ready.current = true;
    recordTestEvent('app-ready', statusDetail(view.status));
  }, [view, screenShown]);

  useEffect(() => {
    if (connection === 'connected') recordTestEvent('bridge-connected');
    else if (connection === 'reconnecting' || connection === 'closed') recordTestEvent('bridge-disconnected', { state: connection });
  }, [connection]);

  useEffect(() => {
    if (language === shownLanguage.current || language === undefined) return;
    shownLanguage.current = language;
    recordTestEvent('language-changed', { language });
  }, [language]);
}

function statusDetail(status: SystemStatus): TestEventDetail {
  return { version: status.version, databaseReady: status.database.ready, ...devicesDetail(status.devices) };
}

function devicesDetail(devices: DevicesSnapshot): TestEventDetail {
  return {
    hostState: devices.host.state,
    restarts: devices.host.restarts,
    ...(devices.host.pid === undefined ? {} : { hostPid: devices.host.pid }),
    pcscState: devices.pcsc.state,
    readers: devices.readers.length,
  };
}
