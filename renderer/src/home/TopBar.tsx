import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../domain/api.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import { useBridge } from '../app/bridge-context.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';
import { SyncIndicator } from '../sync/SyncIndicator.tsx';
import { useClerk } from '../clerk/use-clerk-status.ts';
import { DESK_KEYS, keyLabel } from '../keyboard/desk-keys.ts';

interface TopBarProps {
  status: SystemStatus | undefined;
  connection: ConnectionState;
  onOpenSettings: () => void;
  /** From the desk settings; empty until they are read. */
  hospitalName: string;
}

export function TopBar({ status, connection, onOpenSettings, hospitalName: hospital }: TopBarProps) {
  const { t } = useTranslation();
  const clerk = useClerk();
  const bridge = useBridge();
  return (
    <header className="topbar">
      {/* The version is for IT (diagnostics, the tooltip): the clerk's bar keeps its room for what changes. */}
      <div className="brand" title={status ? `${t('app.tagline')} · ${t('app.version', { version: status.version })} · ${t(`app.mode.${status.mode}`)}` : t('app.tagline')}>
        <span className="brand__name" data-testid="app-name">
          {t('app.name')}
        </span>
        {hospital ? (
          <span className="brand__hospital" data-testid="hospital-name" title={hospital}>
            {hospital}
          </span>
        ) : (
          <span className="brand__tagline">{t('app.tagline')}</span>
        )}
        {status && (
          <span className="visually-hidden" data-testid="app-version" data-version={status.version}>
            {t('app.version', { version: status.version })} · {t(`app.mode.${status.mode}`)}
          </span>
        )}
      </div>
      <div className="topbar__meta">
        {clerk?.signedIn && (
          <span className="topbar__clerk" data-testid="clerk-signed-in" data-code={clerk.signedIn.code}>
            {t('clerk.signedInAs', { name: clerk.signedIn.name })}
            <button type="button" className="button button--quiet" data-testid="clerk-switch" onClick={() => void bridge.client.call('clerks.signOut', {})}>
              {t('clerk.switch')} <kbd>{keyLabel(DESK_KEYS.switchClerk)}</kbd>
            </button>
          </span>
        )}
        <ConnectionBadge state={connection} />
        <SyncIndicator />
        <LanguageToggle />
        <button type="button" className="button button--quiet" data-testid="settings-open" onClick={onOpenSettings}>
          {t('app.settings')} <kbd>{t('app.settingsShortcut')}</kbd>
        </button>
      </div>
    </header>
  );
}
