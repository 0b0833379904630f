import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoSettingsView } from '../../../domain/demo-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { Notice } from '../home/Notice.tsx';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** The demo switch in the settings panel: it applies from the next start, which it says. A demo run shows it but cannot change it. */
export function DemoSettingsSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [view, setView] = useState<DemoSettingsView | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let current = true;
    void client.call('settings.demo.get', {}).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setView(answer.value);
        recordTestEvent('demo-settings-loaded', { enabled: answer.value.enabled, active: answer.value.active });
      } else {
        setError(answer.error);
      }
    });
    return () => {
      current = false;
    };
  }, [client]);

  async function toggle(enabled: boolean): Promise<void> {
    const answer = await client.call('settings.demo.set', { enabled });
    if (answer.ok) {
      setView(answer.value);
      setError(undefined);
      setSaved(true);
      recordTestEvent('demo-settings-saved', { enabled: answer.value.enabled });
    } else {
      setError(answer.error);
    }
  }

  return (
    <section className="settings__section" aria-labelledby="demo-settings-title" data-testid="demo-settings">
      <h3 id="demo-settings-title">{t('demo.settings.title')}</h3>
      {error && <Notice code={error.code} />}
      <label className="field field--check">
        <input
          type="checkbox"
          checked={view?.enabled ?? false}
          disabled={!view || view.active}
          data-testid="demo-settings-enabled"
          onChange={(event) => void toggle(event.target.checked)}
        />
        <span>{t('demo.settings.enabled')}</span>
      </label>
      <p className="advice">{t('demo.settings.nextStart')}</p>
      {view?.active && <p className="advice" data-testid="demo-settings-active">{t('demo.settings.activeNow')}</p>}
      {saved && (
        <p className="settings__saved" role="status" data-testid="demo-settings-saved">
          {t('demo.settings.saved')}
        </p>
      )}
    </section>
  );
}
