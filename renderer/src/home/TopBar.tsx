import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../domain/api.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';
import { SyncIndicator } from '../sync/SyncIndicator.tsx';

interface TopBarProps {
  status: SystemStatus | undefined;
  connection: ConnectionState;
  onOpenSettings: () => void;
}

export function TopBar({ status, connection, onOpenSettings }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__name" data-testid="app-name">
          {t('app.name')}
        </span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </div>
      <div className="topbar__meta">
        {status && (
          <span className="topbar__version" data-testid="app-version" data-version={status.version}>
            {t('app.version', { version: status.version })}
            <span className="topbar__mode"> · {t(`app.mode.${status.mode}`)}</span>
          </span>
        )}
        <ConnectionBadge state={connection} />
        <SyncIndicator />
        <LanguageToggle />
        <button type="button" className="button button--quiet" data-testid="settings-open" onClick={onOpenSettings}>
          {t('settings.open')} <kbd>{t('settings.shortcut')}</kbd>
        </button>
      </div>
    </header>
  );
}
