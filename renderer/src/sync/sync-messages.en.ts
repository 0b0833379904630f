import type { SyncMessages } from './sync-messages.ts';

export const syncEn: SyncMessages = {
  indicator: {
    label: 'HIS sync',
    off: 'No HIS connected',
    unknown: 'HIS: unknown',
    unknownHint: 'Cut off from the TiepDon service: the HIS state is not known.',
    synced: 'Sent to the HIS',
    pending: 'Waiting for the HIS: {{count}}',
    attention: 'Needs checking: {{count}}',
    lastSuccess: 'Last sent: {{time}}',
    never: 'Nothing sent yet',
    offHint: 'The desk works on its own. IT sets the HIS address in Settings (F10).',
    pendingHint: 'Check-in carries on as usual; visits are sent by themselves when the HIS answers.',
    attentionHint: 'The HIS refused some items. Ask IT to look in Settings (F10) → HIS.',
  },
  reasons: {
    HIS_UNREACHABLE: 'The HIS cannot be reached',
    HIS_CERTIFICATE_UNTRUSTED: "The HIS certificate is not trusted: paste the hospital's CA certificate into the HIS settings",
    HIS_TIMEOUT: 'The HIS did not answer in time',
    HIS_SERVER_ERROR: 'The HIS is failing',
    HIS_RATE_LIMITED: 'The HIS asked to slow down',
    HIS_VERSION_CONFLICT: 'The record changed at the HIS',
    HIS_REJECTED: 'The HIS refused the data',
    HIS_UNAUTHORISED: 'The HIS refused the credentials',
    HIS_NOT_FOUND: 'The HIS has no such record',
    HIS_AMBIGUOUS: 'The HIS holds several records with this identifier',
    HIS_MALFORMED_REPLY: 'The HIS answered in a broken format',
    HIS_NOT_CONFIGURED: 'No HIS address is set',
    HIS_CREDENTIALS_UNREADABLE: 'The stored HIS token or password cannot be read: IT must enter it again in the HIS settings',
    HIS_BAD_PAYLOAD: 'The queued data is damaged',
    HIS_INSECURE_ADDRESS: 'The HIS address is http://, so it is not used: IT must enter its https:// address in the HIS settings',
    INTERNAL: 'An unexpected software error',
  },
  kinds: { checkin: 'Check-in', change: 'Visit change', other: 'Other' },

};
