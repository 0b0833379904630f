import { useTranslation } from 'react-i18next';
import type { DevicesSnapshot } from '../../../domain/api.ts';
import { Panel } from './Panel.tsx';
import { StatusPill, type Tone } from './StatusPill.tsx';

type PcscState = DevicesSnapshot['pcsc']['state'];
const TONES: Record<PcscState, Tone> = { available: 'ok', unavailable: 'bad', unknown: 'neutral' };

export function ReadersPanel({ devices }: { devices: DevicesSnapshot }) {
  const { t } = useTranslation();
  const { pcsc, readers } = devices;
  return (
    <Panel
      title={t('pcsc.title')}
      testId="pcsc-panel"
      status={
        <StatusPill tone={TONES[pcsc.state]} state={pcsc.state} testId="pcsc-state">
          {t(`pcsc.states.${pcsc.state}`)}
        </StatusPill>
      }
    >
      {pcsc.state === 'unavailable' && (
        <>
          {pcsc.message && (
            <p className="technical" data-testid="pcsc-message">
              {pcsc.message}
            </p>
          )}
          <p className="advice">{t('errors.PCSC_UNAVAILABLE')}</p>
        </>
      )}
      {pcsc.state === 'available' && readers.length === 0 && <p className="advice">{t('pcsc.noReaders')}</p>}
      {readers.length > 0 && (
        <ul className="readers" data-testid="reader-list" aria-label={t('pcsc.readers')}>
          {readers.map((reader) => (
            <li key={reader.name} className="readers__item" data-testid="reader" data-card={reader.cardPresent ? 'present' : 'absent'}>
              <span className="readers__name">{reader.name}</span>
              <StatusPill tone={reader.cardPresent ? 'ok' : 'neutral'} state={reader.cardPresent ? 'present' : 'absent'} testId="reader-card">
                {reader.cardPresent ? t('pcsc.cardPresent') : t('pcsc.cardAbsent')}
              </StatusPill>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
