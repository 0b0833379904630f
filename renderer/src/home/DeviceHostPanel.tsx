import { useTranslation } from 'react-i18next';
import type { DeviceHostState, DevicesSnapshot } from '../../../domain/api.ts';
import { Panel } from './Panel.tsx';
import { StatusPill, type Tone } from './StatusPill.tsx';

const TONES: Record<DeviceHostState, Tone> = { starting: 'busy', running: 'ok', restarting: 'busy', stopped: 'bad' };

export function DeviceHostPanel({ host }: { host: DevicesSnapshot['host'] }) {
  const { t } = useTranslation();
  return (
    <Panel
      title={t('deviceHost.title')}
      testId="devicehost-panel"
      status={
        <StatusPill tone={TONES[host.state]} state={host.state} testId="devicehost-state">
          {t(`deviceHost.states.${host.state}`)}
        </StatusPill>
      }
    >
      <dl className="facts">
        <dt>{t('deviceHost.restarts')}</dt>
        <dd data-testid="devicehost-restarts">{host.restarts}</dd>
        {host.lastExit && (
          <>
            <dt>{t('deviceHost.lastExit')}</dt>
            <dd className="technical" data-testid="devicehost-last-exit">
              {host.lastExit}
            </dd>
          </>
        )}
      </dl>
    </Panel>
  );
}
