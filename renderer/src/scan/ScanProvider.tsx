import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { formatPartialDate, type PartialDate } from '../../../domain/identity/partial-date.ts';
import {
  DEFAULT_SCANNER_SETTINGS,
  type RendererScanSource,
  type ScanEvent,
  type ScannerSettings,
  type ScanTransportWarning,
} from '../../../domain/scan.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { scanLooksGarbledByInputMethod } from './ime-garble.ts';
import { ArmedKeyContext, ScanStateContext, type ArmedCardKey, type ScanActions, type ScanState } from './scan-context.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';
import { wedgeSettingsFrom, type WedgeScan } from './wedge.ts';

interface ScanProviderProps {
  client: ApiClient;
  connection: ConnectionState;
  children: ReactNode;
}

function isoDay(date: PartialDate | null | undefined): string | undefined {
  return date?.precision === 'day' ? formatPartialDate(date) : undefined;
}

/** A CCCD scan with an ID number arms the chip read; anything else leaves the card panel alone. */
function armedKeyFrom(scan: ScanEvent): ArmedCardKey | undefined {
  if (scan.kind !== 'cccd' || !scan.parsed) return undefined;
  const { idNumber, dateOfBirth, issueDate } = scan.parsed;
  if (!/^\d{12}$/.test(idNumber)) return undefined;
  const dob = isoDay(dateOfBirth);
  const issued = isoDay(issueDate);
  return {
    id: idNumber,
    scanId: scan.id,
    ...(dob === undefined ? {} : { dateOfBirth: dob }),
    ...(issued === undefined ? {} : { dateOfIssue: issued }),
  };
}

/**
 * Every scan, whatever its source, arrives here as the services' `scan` event.
 * The keyboard-wedge capture lives here too, so it works on every screen.
 */
export function ScanProvider({ client, connection, children }: ScanProviderProps) {
  const [lastScan, setLastScan] = useState<ScanEvent | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [armed, setArmed] = useState<ArmedCardKey | undefined>(undefined);
  const [submitError, setSubmitError] = useState<ApiError | undefined>(undefined);
  const [settings, setSettings] = useState<ScannerSettings>(DEFAULT_SCANNER_SETTINGS);
  const shownId = useRef<string | undefined>(undefined);

  const show = useCallback((scan: ScanEvent) => {
    if (shownId.current === scan.id) return;
    shownId.current = scan.id;
    setLastScan(scan);
    setConfirmed(false);
    setSubmitError(undefined);
    const key = armedKeyFrom(scan);
    if (key) setArmed(key);
  }, []);

  useEffect(() => client.on('scan', show), [client, show]);
  useEffect(() => client.on('settings.scanners.changed', setSettings), [client]);
  useEffect(() => {
    if (connection !== 'connected') return;
    let current = true;
    void client.call('settings.scanners.get', {}).then((result) => {
      if (current && result.ok) setSettings(result.value);
    });
    return () => {
      current = false;
    };
  }, [client, connection]);

  const submit = useCallback<ScanActions['submit']>(
    async (source: RendererScanSource, raw: string, warnings: readonly ScanTransportWarning[] = []) => {
      const result = await client.call('scan.submit', { source, raw, ...(warnings.length > 0 ? { warnings: [...warnings] } : {}) });
      if (!result.ok) {
        // Refused while signed out: the sign-in screen says so; the desk keeps no stale error for after.
        if (result.error.code !== 'CLERK_SIGNED_OUT') setSubmitError(result.error);
        recordTestEvent('scan-failed', { source, code: result.error.code });
        return undefined;
      }
      show(result.value);
      return result.value;
    },
    [client, show],
  );

  const wedgeSettings = useMemo(() => wedgeSettingsFrom(settings.keyboardWedge), [settings.keyboardWedge]);
  const onWedgeScan = useCallback(
    (scan: WedgeScan) => {
      const garbled = scanLooksGarbledByInputMethod(scan.text);
      recordTestEvent('wedge-scan', { length: scan.text.length, endedBy: scan.endedBy, ms: Math.round(scan.endedAt - scan.startedAt), garbled });
      void submit('keyboard-wedge', scan.text, garbled ? ['ime-garbled'] : []);
    },
    [submit],
  );
  useKeyboardWedge(wedgeSettings, onWedgeScan);

  const value = useMemo<ScanState & ScanActions>(
    () => ({
      lastScan,
      confirmed,
      submitError,
      settings,
      submit,
      confirm: () => setConfirmed(true),
      dismiss: () => {
        setLastScan(undefined);
        setConfirmed(false);
        setSubmitError(undefined);
      },
      settingsChanged: setSettings,
    }),
    [lastScan, confirmed, submitError, settings, submit],
  );

  return (
    <ScanStateContext value={value}>
      <ArmedKeyContext value={armed}>{children}</ArmedKeyContext>
    </ScanStateContext>
  );
}
