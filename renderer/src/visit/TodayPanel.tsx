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
import { CorrectVisit } from './CorrectVisit.tsx';

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
  const [changes, setChanges] = useState(0);
  const [correcting, setCorrecting] = useState<number | undefined>(undefined);

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
  }, [client, refreshKey, wanted, connected, changes]);

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
        <ol className="today" data-testid="today-list" aria-label={t('visit.today.title')}>
          {visits.map((visit) => (
            <li
              key={visit.id}
              className={`today__visit today__visit--${visit.status}`}
              data-testid="today-visit"
              data-visit-id={visit.id}
              data-queue-number={visit.queueNumber.display}
              data-sync={visit.sync}
            >
              <span className="today__number">{visit.queueNumber.display}</span>
              <span className="today__name">{visit.patientName}</span>
              <span className="today__meta">
                {visit.clinic.name} · {t(`visit.statuses.${visit.status}`)} ·{' '}
                <span className={`today__sync today__sync--${visit.sync}`}>{t(`visit.syncStates.${visit.sync}`)}</span>
              </span>
              <span className="today__actions">
                {visit.status !== 'cancelled' && visit.status !== 'completed' && (
                  <CancelVisit client={client} visitId={visit.id} onCancelled={() => setChanges((n) => n + 1)} />
                )}
                {visit.status !== 'cancelled' && correcting !== visit.id && (
                  <button type="button" className="button button--small button--quiet" data-testid="visit-correct-open" onClick={() => setCorrecting(visit.id)}>
                    {t('checkin.correct.action')}
                  </button>
                )}
              </span>
              {correcting === visit.id && (
                <CorrectVisit
                  client={client}
                  visit={visit}
                  onClose={() => setCorrecting(undefined)}
                  onChanged={() => setChanges((n) => n + 1)}
                  onCorrected={() => {
                    setCorrecting(undefined);
                    setChanges((n) => n + 1);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
