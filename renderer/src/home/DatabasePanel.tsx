import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../domain/api.ts';
import { Panel } from './Panel.tsx';
import { StatusPill } from './StatusPill.tsx';

export function DatabasePanel({ database }: { database: SystemStatus['database'] }) {
  const { t } = useTranslation();
  return (
    <Panel
      title={t('database.title')}
      testId="database-panel"
      status={
        <StatusPill tone={database.ready ? 'ok' : 'bad'} state={database.ready ? 'ready' : 'not-ready'} testId="database-state">
          {database.ready ? t('database.ready') : t('database.notReady')}
        </StatusPill>
      }
    >
      <dl className="facts">
        <dt>{t('database.encrypted')}</dt>
        <dd>{database.encrypted ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('database.schemaVersion')}</dt>
        <dd data-testid="database-schema">{database.schemaVersion}</dd>
        {!database.ready && (
          <>
            <dt>{t('database.reason')}</dt>
            <dd className="technical facts__wide" data-testid="database-reason">
              {database.error}
            </dd>
          </>
        )}
      </dl>
      {!database.ready && <p className="advice">{t('errors.DB_NOT_READY')}</p>}
    </Panel>
  );
}
