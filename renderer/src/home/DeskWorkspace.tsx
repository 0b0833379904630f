import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import { CardPanel } from '../card/CardPanel.tsx';
import { DemoMode } from '../demo/DemoMode.tsx';
import { PatientPanel } from '../patient/PatientPanel.tsx';
import { ScanPanel } from '../scan/ScanPanel.tsx';
import type { StatusView } from '../status/use-system-status.ts';
import { TodayPanel } from '../visit/TodayPanel.tsx';
import { DatabasePanel } from './DatabasePanel.tsx';
import { DeviceHostPanel } from './DeviceHostPanel.tsx';
import { Notice } from './Notice.tsx';
import { ReadersPanel } from './ReadersPanel.tsx';
import { addDeskMessages } from '../i18n/desk-messages.ts';

addDeskMessages();

interface DeskWorkspaceProps {
  view: StatusView;
  connection: ConnectionState;
  notice: ErrorCode | undefined;
  /** False while something covers the desk (the settings, the sign-in). */
  active: boolean;
  patientRound: number;
  visitsChanged: number;
  onVisitChanged: () => void;
  onNextPatient: () => void;
  /** Once mounted, with every part's keys and focus in place. */
  onShown: () => void;
}

/**
 * The clerk's three columns: identify (card, scans, system status), the
 * patient and their steps, today's queue (with the demo menu in demo mode).
 */
export default function DeskWorkspace({ view, connection, notice, active, patientRound, visitsChanged, onVisitChanged, onNextPatient, onShown }: DeskWorkspaceProps) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const stale = connection !== 'connected';
  useEffect(() => onShown(), [onShown]);
  return (
    <>
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
          active={active}
          onVisitChanged={onVisitChanged}
          onNextPatient={onNextPatient}
        />
      </section>
      <aside className="workspace__column workspace__queue" aria-label={t('checkin.queueColumn')}>
        <DemoMode client={client} connected={connection === 'connected'} />
        <TodayPanel client={client} refreshKey={visitsChanged} />
      </aside>
    </>
  );
}
