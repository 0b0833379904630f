import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { VisitsTodayResult } from '../../../domain/visit-api.ts';
import { Panel } from '../home/Panel.tsx';
import { StatusPill } from '../home/StatusPill.tsx';
import { useConnected } from '../status/use-connected.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { CancelVisit } from './CancelVisit.tsx';

interface TodayPanelProps {
  client: ApiClient;
  /** Changes after each visit the desk creates, so the list is loaded again. */
  refreshKey: number;
}

type TodayState = { phase: 'loading' } | { phase: 'done'; today: VisitsTodayResult } | { phase: 'failed'; error: ApiError };

/** Today's check-ins with their status and whether the HIS has them yet. */
export function TodayPanel({ client, refreshKey }: TodayPanelProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<TodayState>({ phase: 'loading' });
  const [query, setQuery] = useState('');
  const wanted = query.trim();
  const connected = useConnected();
  const [cancelled, setCancelled] = useState(0);

  useEffect(() => {
    if (!connected) return;
    let live = true;
    void client.call('visits.today', wanted === '' ? {} : { query: wanted }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setState({ phase: 'done', today: result.value });
        recordTestEvent('today-loaded', { count: result.value.visits.length, refreshKey, query: wanted !== '' });
      } else setState({ phase: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client, refreshKey, wanted, connected, cancelled]);

  const visits = state.phase === 'done' ? state.today.visits : [];
  return (
    <Panel
      title={t('visit.today.title')}
      testId="today-panel"
      status={
        <StatusPill tone={state.phase === 'loading' ? 'busy' : 'neutral'} state={state.phase} testId="today-state">
          {state.phase === 'loading' ? t('visit.today.loading') : t('visit.today.count', { count: visits.length })}
        </StatusPill>
      }
    >
      <input
        className="field__input today__search"
        data-testid="today-search"
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={80}
        placeholder={t('checkin.todaySearch')}
        aria-label={t('checkin.todaySearch')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setQuery('');
        }}
      />
      {state.phase === 'failed' && (
        <p className="patient-error" role="alert" data-testid="today-error" data-code={state.error.code}>
          {t(`errors.${state.error.code}`)}
        </p>
      )}
      {state.phase === 'done' && visits.length === 0 && (
        <p className="advice" data-testid="today-empty">
          {wanted === '' ? t('visit.today.empty') : t('checkin.todayNoMatch')}
        </p>
      )}
      {visits.length > 0 && (
        <table className="today" data-testid="today-list">
          <thead>
            <tr>
              <th scope="col">{t('visit.today.number')}</th>
              <th scope="col">{t('visit.today.patient')}</th>
              <th scope="col">{t('visit.today.clinic')}</th>
              <th scope="col">{t('visit.today.status')}</th>
              <th scope="col">{t('visit.today.sync')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {visits.map((visit) => (
              <tr key={visit.id} data-testid="today-visit" data-visit-id={visit.id} data-queue-number={visit.queueNumber.display} data-sync={visit.sync}>
                <td className="today__number">{visit.queueNumber.display}</td>
                <td>{visit.patientName}</td>
                <td>{visit.clinic.name}</td>
                <td>{t(`visit.statuses.${visit.status}`)}</td>
                <td className={`today__sync today__sync--${visit.sync}`}>{t(`visit.syncStates.${visit.sync}`)}</td>
                <td>
                  {visit.status !== 'cancelled' && visit.status !== 'completed' && (
                    <CancelVisit client={client} visitId={visit.id} onCancelled={() => setCancelled((n) => n + 1)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
