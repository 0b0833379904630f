import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { CardPanel } from '../card/CardPanel.tsx';
import type { ConnectionState } from '../bridge/connection.ts';
import { PatientPanel } from '../patient/PatientPanel.tsx';
import { ScanPanel } from '../scan/ScanPanel.tsx';
import { ScanProvider } from '../scan/ScanProvider.tsx';
import { useConnectionState } from '../status/use-connection-state.ts';
import { useSystemStatus, type StatusView } from '../status/use-system-status.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { DeskStepContext, DeskStepStore } from '../keyboard/desk-step.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { useTestEvents } from '../testing/use-test-events.ts';
import { Suspense, useState } from 'react';
import { lazyPart } from '../app/lazy-part.ts';
import { DatabasePanel } from './DatabasePanel.tsx';
import { DeviceHostPanel } from './DeviceHostPanel.tsx';
import { KeyHints } from './KeyHints.tsx';
import { Notice } from './Notice.tsx';
import { ReadersPanel } from './ReadersPanel.tsx';
import { TopBar } from './TopBar.tsx';
import { TodayPanel } from '../visit/TodayPanel.tsx';
import { DemoMode } from '../demo/DemoMode.tsx';

const SettingsDialog = lazyPart(() => import('../settings/SettingsDialog.tsx'), { prefetch: false });

export function HomeScreen() {
  const { client, connection: connectionSource } = useBridge();
  const connection = useConnectionState(connectionSource);
  const view = useSystemStatus(client, connection);
  const { t, i18n } = useTranslation();
  useTestEvents(view, connection, i18n.resolvedLanguage);
  const notice = noticeFor(connection, view);
  const stale = connection !== 'connected';
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [visitsChanged, setVisitsChanged] = useState(0);
  const [patientRound, setPatientRound] = useState(0);
  useShortcut(DESK_KEYS.settings, () => setSettingsOpen((open) => !open));
  const [deskStep] = useState(() => new DeskStepStore());

  return (
    <ScanProvider client={client} connection={connection}>
      <DeskStepContext value={deskStep}>
      <div className="shell">
        <TopBar status={view.status} connection={connection} onOpenSettings={() => setSettingsOpen(true)} />
        <main className="workspace" aria-busy={!view.status} inert={settingsOpen}>
          <h1 className="visually-hidden">{t('checkin.deskTitle')}</h1>
          <aside className="workspace__column workspace__identify" aria-label={t('checkin.identifyColumn')}>
            <CardPanel client={client} devices={view.status?.devices} patientRound={patientRound} />
            <ScanPanel />
            <section className="workspace__status" aria-label={t('app.systemStatus')}>
              <h2 className="workspace__status-title">{t('app.systemStatus')}</h2>
              {view.status ? (
                <div className={stale ? 'panels panels--stale' : 'panels'} data-testid="status-panels">
                  <DatabasePanel database={view.status.database} />
                  <DeviceHostPanel host={view.status.devices.host} />
                  <ReadersPanel devices={view.status.devices} />
                </div>
              ) : (
                <p className="loading" data-testid="status-loading">
                  {t('app.loading')}
                </p>
              )}
            </section>
          </aside>
          <section className="workspace__column workspace__main" aria-label={t('checkin.patientColumn')}>
            {notice && <Notice code={notice} />}
            <PatientPanel
              client={client}
              active={!settingsOpen}
              onVisitChanged={() => setVisitsChanged((n) => n + 1)}
              onNextPatient={() => setPatientRound((n) => n + 1)}
            />
          </section>
          <aside className="workspace__column workspace__queue" aria-label={t('checkin.queueColumn')}>
            <DemoMode client={client} connected={connection === 'connected'} />
            <TodayPanel client={client} refreshKey={visitsChanged} />
          </aside>
        </main>
        <KeyHints active={!settingsOpen} />
        {settingsOpen && (
          <Suspense fallback={<p className="loading">{t('app.opening')}</p>}>
            <SettingsDialog devices={view.status?.devices} onClose={() => setSettingsOpen(false)} />
          </Suspense>
        )}
      </div>
      </DeskStepContext>
    </ScanProvider>
  );
}

function noticeFor(connection: ConnectionState, view: StatusView): ErrorCode | undefined {
  if (connection === 'no-token') return 'UNAUTHORISED';
  if (connection === 'reconnecting' || connection === 'closed') return 'TRANSPORT_CLOSED';
  if (connection === 'connecting') return undefined;
  return view.error?.code;
}
