import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../domain/sync-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { StatusPill, type Tone } from '../home/StatusPill.tsx';
import { useConnected } from '../status/use-connected.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { isSyncReason } from './sync-messages.ts';

type SyncState = 'off' | 'synced' | 'pending' | 'attention';

export function syncStateOf(status: SyncStatus): SyncState {
  if (status.attention > 0) return 'attention';
  if (status.pending > 0) return 'pending';
  return status.configured ? 'synced' : 'off';
}

const TONE: Record<SyncState, Tone> = { off: 'neutral', synced: 'ok', pending: 'busy', attention: 'bad' };

/**
 * Where the HIS outbox stands, on every screen: waiting items, items needing
 * attention, and when the HIS last took one. Check-in never waits on it.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { client } = useBridge();
  const connected = useConnected();
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const show = (next: SyncStatus) => {
      if (!live) return;
      setStatus(next);
      recordTestEvent('sync-status', { state: syncStateOf(next), pending: next.pending, attention: next.attention });
    };
    const off = client.on('sync.changed', show);
    // Asked again on every (re)connection: a call made before the bridge is up is lost, and events missed while down are too.
    if (connected) void client.call('sync.status', {}).then((result) => result.ok && show(result.value));
    return () => {
      live = false;
      off();
    };
  }, [client, connected]);

  if (!status) return null;
  // Cut off from the services, the last state heard is not the state now: say so rather than stay green.
  if (!connected) {
    return (
      <span
        className="sync-indicator"
        title={t('sync.indicator.unknownHint')}
        aria-label={`${t('sync.indicator.label')}: ${t('sync.indicator.unknown')}. ${t('sync.indicator.unknownHint')}`}
      >
        <StatusPill tone="neutral" state="unknown" testId="sync-indicator">
          {t('sync.indicator.unknown')}
        </StatusPill>
      </span>
    );
  }
  const state = syncStateOf(status);
  const time = status.lastSuccessAt
    ? new Date(status.lastSuccessAt).toLocaleTimeString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' })
    : null;
  const label = {
    off: t('sync.indicator.off'),
    synced: t('sync.indicator.synced'),
    pending: t('sync.indicator.pending', { count: status.pending }),
    attention: t('sync.indicator.attention', { count: status.attention }),
  }[state];
  const hint = [
    { off: t('sync.indicator.offHint'), synced: '', pending: t('sync.indicator.pendingHint'), attention: t('sync.indicator.attentionHint') }[state],
    status.lastFailure && state !== 'synced' ? (isSyncReason(status.lastFailure) ? t(`sync.reasons.${status.lastFailure}`) : status.lastFailure) : '',
    status.configured ? (time ? t('sync.indicator.lastSuccess', { time }) : t('sync.indicator.never')) : '',
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <span className="sync-indicator" title={hint} aria-label={`${t('sync.indicator.label')}: ${label}. ${hint}`} data-pending={status.pending} data-attention={status.attention}>
      <StatusPill tone={TONE[state]} state={state} testId="sync-indicator">
        {label}
        {time && state !== 'off' && <span className="sync-indicator__time"> · {time}</span>}
      </StatusPill>
    </span>
  );
}
