import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../bridge/connection.ts';
import { StatusPill, type Tone } from './StatusPill.tsx';

const TONES: Record<ConnectionState, Tone> = {
  connecting: 'busy',
  connected: 'ok',
  reconnecting: 'bad',
  'no-token': 'bad',
  closed: 'bad',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <span className="connection" role="status">
      <span className="visually-hidden">{t('connection.label')}</span>
      <StatusPill tone={TONES[state]} state={state} testId="connection-state">
        {t(`connection.states.${state}`)}
      </StatusPill>
    </span>
  );
}
